/**
 * Puts a Reply in front of the people in the conversation: one message per
 * card, in order, in the thread the request came from. Teams has no
 * ephemeral messages for bots, so a private reply is answered in the same
 * conversation too.
 */
import type { Activity, TurnContext } from "botbuilder";
import type { Reply } from "../../core/views/reply.js";
import { cardAttachment, summaryText, toTeamsCards } from "./render/index.js";

export function replyActivities(reply: Reply): Partial<Activity>[] {
  const cards = toTeamsCards(reply);
  return cards.map((card) => ({ type: "message", summary: card.fallbackText ?? summaryText(reply.summary), attachments: [cardAttachment(card)] }));
}

export async function sendReply(turn: TurnContext, reply: Reply): Promise<void> {
  await turn.sendActivities(replyActivities(reply));
}
