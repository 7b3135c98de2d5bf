/**
 * Posts queued messages to Slack with chat.postMessage, one call per page of
 * the rendered reply, then uploads the reply's charts and files
 * (files.uploadV2), one by one, into the thread of the first page. The
 * WebClient neither retries nor waits out 429s itself: the outbox owns
 * retrying, so a rate limit frees the process instead of blocking it, and a
 * retry is visible in the table. Each posted page and each uploaded file is
 * reported back (the row's pagesSent counts both, pages first), so a retry
 * resumes at the first step not yet done and never posts a page or uploads
 * a file twice.
 *
 * Every page carries message metadata naming its outbox row and page
 * (OUTBOX_EVENT_TYPE). A process can die after Slack accepted a page and
 * before the row recorded it; the attempt after that is in doubt
 * (context.inDoubtSince), and the sender first looks the page up in the
 * conversation's history (or the thread's replies) and records it instead of
 * posting it again. That lookup needs the channels:history, groups:history and
 * im:history scopes; without them (or when it fails) the page is posted again,
 * so delivery stays at least once. A file upload cut off the same way may be
 * repeated: uploads carry no metadata to look up.
 */
import { webApi } from "@slack/bolt";
import { type Logger, attachmentsOf, withoutAttachments } from "../../core/index.js";
import { backoffMs, type SendContext, type SendResult, type Sender } from "../../outbox/senders.js";
import type { OutboxRow } from "../../store/repositories/outbox.js";
import { deserializeReply } from "../../store/reply-json.js";
import { toSlackMessages } from "./render/index.js";
import { directMessageWith, uploadAttachments } from "./uploads.js";

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Slack errors that the same call will hit again however long we wait. */
const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "messages_tab_disabled",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "ekm_access_denied",
  "team_access_not_granted",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "org_login_required",
  "invalid_arguments",
  "invalid_arg_name",
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "msg_blocks_too_long",
  "no_text",
  "too_many_attachments",
  "duplicate_channel_not_found",
]);

/** Message metadata event type that marks Charter's outbox posts. */
export const OUTBOX_EVENT_TYPE = "charter_outbox";
/** How far before the in-doubt claim the lookup starts: Slack's clock and ours may differ a little. */
const LOOKUP_SLACK_MS = 5 * 60_000;
/** History pages read at most when looking a post up (200 messages each). */
const LOOKUP_PAGES = 5;

/** Gap between the pages of one reply: Slack allows about one message per second per channel. */
export const SLACK_PAGE_GAP_MS = 1_000;

export interface SlackSenderOptions {
  /** The Web API base URL (settings.apiUrl); Slack's own when absent. */
  apiUrl?: string;
  /** The bot token for a tenant (workspace), or undefined when Charter is not installed there. */
  token(tenantId: string): Promise<string | undefined>;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function slackSender(options: SlackSenderOptions): Sender {
  const clients = new Map<string, WebClient>();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const clientFor = (token: string): WebClient => {
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        timeout: 30_000,
        logLevel: webApi.LogLevel.ERROR,
      });
      clients.set(token, client);
    }
    return client;
  };

  return {
    async send(message: OutboxRow, context: SendContext): Promise<SendResult> {
      let token: string | undefined;
      try {
        token = await options.token(message.tenantId);
      } catch (error) {
        return { retryAfterMs: backoffMs(message.attempts, options.random), error: `bot token lookup failed: ${describe(error)}` };
      }
      if (!token) return { permanent: true, error: `Charter is not installed in Slack workspace ${message.tenantId}` };
      const client = clientFor(token);
      const reply = deserializeReply(message.payload);
      const attachments = attachmentsOf(reply);
      const pages = toSlackMessages(attachments.length ? withoutAttachments(reply) : reply);
      // Progress counts the pages, then the files: a retry resumes at the first step not yet done.
      const steps = pages.length + attachments.length;
      const first = message.pagesSent;
      let firstTs = message.platformMessageId ?? undefined;
      let conversation: string | undefined;
      try {
        for (let index = first; index < steps; index++) {
          if (index === first && index < pages.length && context.inDoubtSince) {
            const found = await findPosted(client, message, index, context.threadId, context.inDoubtSince, options.log);
            if (found) {
              conversation ??= found.channel;
              if (index === 0) firstTs = found.ts;
              await context.pagePosted(index + 1, index === 0 ? found.ts : undefined);
              continue;
            }
          }
          if (index > first) await sleep(SLACK_PAGE_GAP_MS);
          if (index < pages.length) {
            const page = pages[index]!;
            // A channel id posts in the channel; a user id opens the DM with that user.
            const posted = await client.chat.postMessage({
              channel: message.channelId,
              text: page.text,
              blocks: page.blocks,
              ...(context.threadId ? { thread_ts: context.threadId } : {}),
              metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { id: message.id, page: index } },
            });
            conversation ??= posted.channel;
            if (index === 0) firstTs = posted.ts;
            await context.pagePosted(index + 1, index === 0 ? posted.ts : undefined);
          } else {
            const attachment = attachments[index - pages.length]!;
            conversation ??= await conversationOf(client, message.channelId);
            // Files go under the message they belong to: its thread, or the thread it is itself a reply in.
            const threadTs = context.threadId ?? firstTs;
            await uploadAttachments(client, { channelId: conversation, threadTs }, [attachment]);
            await context.pagePosted(index + 1);
          }
        }
        return { ok: true };
      } catch (error) {
        return classify(error, message.attempts, options.random);
      }
    },
  };
}

/**
 * The page `page` of this outbox row, if Slack already has it: found by its
 * metadata among the bot's posts since the in-doubt attempt began. Undefined
 * when it is not there or cannot be looked up (then it is posted again).
 */
async function findPosted(
  client: WebClient,
  message: OutboxRow,
  page: number,
  threadTs: string | undefined,
  since: Date,
  log: Logger,
): Promise<{ channel: string; ts: string } | undefined> {
  try {
    const channel = await conversationOf(client, message.channelId);
    const oldest = ((since.getTime() - LOOKUP_SLACK_MS) / 1_000).toFixed(6);
    let cursor: string | undefined;
    for (let read = 0; read < LOOKUP_PAGES; read++) {
      const common = { channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      // A reply in a thread is not in the channel's history, only in the thread's replies.
      const answer = threadTs
        ? await client.conversations.replies({ ...common, ts: threadTs })
        : await client.conversations.history(common);
      for (const posted of answer.messages ?? []) {
        const meta = posted.metadata as { event_type?: string; event_payload?: { id?: unknown; page?: unknown } } | undefined;
        if (
          meta?.event_type === OUTBOX_EVENT_TYPE &&
          meta.event_payload?.id === message.id &&
          Number(meta.event_payload.page ?? 0) === page &&
          posted.ts
        ) {
          log.info("outbox message was already posted before its sender stopped; recorded, not posted again", {
            id: message.id,
            page,
            channel,
          });
          return { channel, ts: posted.ts };
        }
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) break;
    }
    return undefined;
  } catch (error) {
    log.warn("could not check whether an interrupted outbox message was posted; posting it again", {
      id: message.id,
      channel: message.channelId,
      error: describe(error),
    });
    return undefined;
  }
}

/** Files are shared into a conversation id: a user's id stands for the DM with them. */
async function conversationOf(client: WebClient, channelId: string): Promise<string> {
  return /^[UW]/.test(channelId) ? directMessageWith(client, channelId) : channelId;
}

function classify(error: unknown, attempts: number, random?: () => number): SendResult {
  const coded = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1_000, error: "ratelimited", throttled: true };
    case webApi.ErrorCode.PlatformError: {
      const code = coded.data?.error ?? "unknown_error";
      if (PERMANENT_ERRORS.has(code)) return { permanent: true, error: code };
      return { retryAfterMs: backoffMs(attempts, random), error: code };
    }
    case webApi.ErrorCode.FileUploadInvalidArgumentsError:
    case webApi.ErrorCode.FileUploadReadFileDataError:
      return { permanent: true, error: coded.code };
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      // 4xx other than 408/429 will not change on retry; 5xx and timeouts may.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { permanent: true, error: `HTTP ${status}` };
      return { retryAfterMs: backoffMs(attempts, random), error: `HTTP ${status}` };
    }
    default:
      return { retryAfterMs: backoffMs(attempts, random), error: describe(error) };
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
