/**
 * Posts queued messages to Microsoft Teams through the Bot Connector, as
 * Adaptive Cards (one activity per card page), with the conversation
 * reference stored when Charter was added to that team, chat or personal
 * chat (continueConversationAsync). A message to a person goes to their
 * personal chat with Charter, created on first use when Teams allows it.
 *
 * The outbox owns retrying: a 429 is retried after its Retry-After, 412,
 * 502, 504 (and other 5xx, timeouts, network errors) with exponential
 * backoff and jitter; refusals that will not change (403, 404, 413, ...)
 * fail the message. Each posted page is reported back, so a retry resumes at
 * the first page not yet posted and never posts a page twice.
 */
import type { CloudAdapter, ChannelAccount, ConversationParameters, ConversationReference, TurnContext } from "botbuilder";
import { type Logger, parseTenantKey } from "../../core/index.js";
import { backoffMs, type SendContext, type SendResult, type Sender } from "../../outbox/senders.js";
import type { ConversationRefsRepository, StoredConversationRef } from "../../store/index.js";
import type { OutboxRow } from "../../store/repositories/outbox.js";
import { deserializeReply } from "../../store/reply-json.js";
import { replyActivities } from "./deliver.js";

/** Gap between the pages of one reply: Teams allows 7 messages a second per conversation. */
export const TEAMS_PAGE_GAP_MS = Math.ceil(1_000 / 7);

/** Statuses worth another try: throttling, a precondition Teams asks to retry, the service or its gateway failing. */
const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

export interface TeamsSenderOptions {
  /** An adapter on the bot's credentials; its onTurnError must stay unset, so a failed send reaches the outbox. */
  adapter: CloudAdapter;
  /** The bot's Microsoft App ID; empty in the unauthenticated local mode. */
  appId: string;
  /** The audience of the bot's tokens (the configured cloud's Bot Connector); empty in the unauthenticated local mode. */
  oauthScope: string;
  conversations: ConversationRefsRepository;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

type Target =
  | { reference: Partial<ConversationReference> }
  | { create: { userId: string; via: StoredConversationRef } }
  | { refused: string };

export function teamsSender(options: TeamsSenderOptions): Sender {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const audience = options.appId ? options.oauthScope : "";

  /** Where a message goes: a stored conversation, a person's personal chat, or a personal chat to create. */
  async function targetOf(message: OutboxRow): Promise<Target> {
    // A reply queued from a turn names its channel thread as Teams does: <channel id>;messageid=<root post id>.
    const { conversationId, threadId } = splitThread(message.channelId);
    const stored =
      (await options.conversations.get(message.tenantId, conversationId)) ??
      (await options.conversations.findPersonal(message.tenantId, conversationId));
    if (stored) {
      if (!stored.installed) return { refused: "Charter was removed from that conversation" };
      const reference = stored.reference as Partial<ConversationReference>;
      return { reference: threadId ? inThread(reference, threadId) : reference };
    }
    // Channel, group chat and personal chat ids start 19: or a:; one of those not stored is not a conversation Charter is in.
    if (/^(19|a):/.test(message.channelId)) return { refused: "Charter has no reference to that conversation (it was never added there)" };
    // A person Charter has no chat with yet: Teams creates one when the app is installed for them (or in a team they are in).
    const via = (await options.conversations.list(message.tenantId)).find((c) => c.installed);
    if (!via) return { refused: `Charter is not in any conversation of Teams tenant ${message.tenantId}` };
    return { create: { userId: message.channelId, via } };
  }

  async function postPages(turn: TurnContext, message: OutboxRow, context: SendContext): Promise<void> {
    // botbuilder makes every send of a proactive turn a reply to the turn's made-up activity id; these are new posts.
    turn.onSendActivities(async (_turn, activities, next) => {
      for (const activity of activities) delete activity.replyToId;
      return next();
    });
    const pages = replyActivities(deserializeReply(message.payload));
    for (let index = message.pagesSent; index < pages.length; index++) {
      if (index > message.pagesSent) await sleep(TEAMS_PAGE_GAP_MS);
      const posted = await turn.sendActivity(pages[index]!);
      await context.pagePosted(index + 1, index === 0 ? posted?.id : undefined);
    }
  }

  return {
    async send(message, context): Promise<SendResult> {
      let target: Target;
      try {
        target = await targetOf(message);
      } catch (error) {
        return { retryAfterMs: backoffMs(message.attempts, options.random), error: `conversation lookup failed: ${describe(error)}` };
      }
      if ("refused" in target) return { permanent: true, error: target.refused };
      try {
        if ("reference" in target) {
          const reference = inThread(target.reference, context.threadId);
          await options.adapter.continueConversationAsync(options.appId, reference, audience, (turn) => postPages(turn, message, context));
        } else {
          await createPersonalChat(target.create.userId, target.create.via, message, context);
        }
        return { ok: true };
      } catch (error) {
        return classify(error, message.attempts, options.random);
      }
    },
  };

  async function createPersonalChat(userId: string, via: StoredConversationRef, message: OutboxRow, context: SendContext): Promise<void> {
    const reference = via.reference as Partial<ConversationReference>;
    // The Bot Connector knows the Teams tenant by its own id, not by Charter's teams:<id> key.
    const key = parseTenantKey(message.tenantId);
    const teamsTenant = key?.platform === "teams" ? key.externalId : message.tenantId;
    // No first activity: the pages are sent into the new chat once it exists.
    const parameters = {
      isGroup: false,
      bot: reference.bot!,
      members: [{ id: userId } as ChannelAccount],
      tenantId: teamsTenant,
      channelData: { tenant: { id: teamsTenant } },
    } as ConversationParameters;
    await options.adapter.createConversationAsync(
      options.appId,
      reference.channelId ?? "msteams",
      via.serviceUrl,
      audience,
      parameters,
      async (turn) => {
        const conversationId = turn.activity.conversation.id;
        // Stored right away: the next message to this person goes straight to the chat.
        await options.conversations.save({
          tenantId: message.tenantId,
          conversationId,
          serviceUrl: via.serviceUrl,
          reference: {
            ...reference,
            conversation: { id: conversationId, conversationType: "personal", tenantId: teamsTenant },
            user: { id: userId },
          },
          kind: "personal",
        });
        await postPages(turn, message, context);
      },
    );
  }
}

function splitThread(channelId: string): { conversationId: string; threadId?: string } {
  const [conversationId, threadId] = channelId.split(";messageid=");
  return { conversationId: conversationId!, ...(threadId ? { threadId } : {}) };
}

/** A reply under an earlier post: in a Teams channel the thread is the conversation id with the root message's id. */
function inThread(reference: Partial<ConversationReference>, threadId: string | undefined): Partial<ConversationReference> {
  if (!threadId || reference.conversation?.conversationType !== "channel") return reference;
  return { ...reference, conversation: { ...reference.conversation, id: `${reference.conversation.id};messageid=${threadId}` } };
}

function retryAfterOf(error: { response?: { headers?: unknown } }): number | undefined {
  const headers = error.response?.headers as { get?: (name: string) => string | undefined } | Record<string, string> | undefined;
  const raw =
    typeof headers?.get === "function" ? headers.get("retry-after") : (headers as Record<string, string> | undefined)?.["retry-after"];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds) * 1_000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function classify(error: unknown, attempts: number, random?: () => number): SendResult {
  const failed = error as { statusCode?: number; code?: string; response?: { status?: number; headers?: unknown } };
  const status = failed.statusCode ?? failed.response?.status;
  if (status === undefined) return { retryAfterMs: backoffMs(attempts, random), error: describe(error) };
  if (status === 429)
    return { retryAfterMs: retryAfterOf(failed) ?? backoffMs(attempts, random), error: "HTTP 429 (throttled)", throttled: true };
  if (RETRYABLE.has(status)) return { retryAfterMs: backoffMs(attempts, random), error: `HTTP ${status}` };
  // 401/403: not allowed there (removed, blocked, no permission); 404: no such conversation; 413: too big. Waiting will not help.
  return { permanent: true, error: `HTTP ${status}: ${describe(error)}` };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
