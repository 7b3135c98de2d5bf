/**
 * Puts a Reply in front of the people in the conversation: one message per
 * card, in order, in the thread the request came from. Teams has no
 * ephemeral messages for bots, so a private reply is answered in the same
 * conversation too.
 *
 * A reply that cannot be sent at all (no token from Microsoft Entra, the Bot
 * Connector unreachable) is not lost: the command has already been applied,
 * so the reply is queued in the outbox, which retries it until it is posted.
 */
import type { Activity, TurnContext } from "botbuilder";
import type { Reply } from "../../core/index.js";
import { baseConversationId, tenantOf } from "./activity.js";
import type { TeamsDeps } from "./context.js";
import { cardAttachment, summaryText, toTeamsCards } from "./render/index.js";

export function replyActivities(reply: Reply): Partial<Activity>[] {
  const cards = toTeamsCards(reply);
  return cards.map((card) => ({
    type: "message",
    summary: card.fallbackText ?? summaryText(reply.summary),
    attachments: [cardAttachment(card)],
  }));
}

export async function sendReply(turn: TurnContext, reply: Reply): Promise<void> {
  await turn.sendActivities(replyActivities(reply));
}

/**
 * Sends the reply in the turn; when not even its first page could be sent,
 * queues it for the outbox (a reply partly posted is not queued, since the
 * outbox would post its first pages again).
 */
export async function deliverReply(deps: TeamsDeps, turn: TurnContext, reply: Reply): Promise<void> {
  const pages = replyActivities(reply);
  let sent = 0;
  try {
    for (const page of pages) {
      await turn.sendActivity(page);
      sent++;
    }
  } catch (error) {
    if (sent > 0) throw error;
    await queueReply(deps, turn.activity, reply, error);
  }
}

async function queueReply(deps: TeamsDeps, activity: Activity, reply: Reply, error: unknown): Promise<void> {
  const tenant = tenantOf(activity);
  // The full conversation id: in a channel it names the thread the command was typed in.
  const channelId = activity.conversation.id;
  const dedupeKey = `reply:${baseConversationId(channelId)}/${activity.id ?? activity.timestamp?.toString() ?? Date.now()}`;
  await deps.runtime.outbox.enqueue(tenant, "teams", { channelId, kind: "reply", dedupeKey, reply });
  deps.runtime.log.error("teams reply not sent; queued for the outbox to retry", {
    tenant,
    conversation: baseConversationId(channelId),
    error: error instanceof Error ? error.message : String(error),
  });
}
