/**
 * Every activity tells Charter it is in that conversation (and where its
 * Bot Connector is): the reference is stored for proactive sends. Activities
 * that remove Charter are left to listeners/install/app-removed.
 */
import type { Activity } from "botbuilder";
import type { CharterBot } from "../../bot.js";
import type { ConversationMemory } from "../../conversations.js";
import type { TeamsDeps } from "../../context.js";

export function isRemoval(activity: Activity): boolean {
  if (activity.type === "installationUpdate") return activity.action === "remove" || activity.action === "remove-upgrade";
  return activity.type === "conversationUpdate" && Boolean(activity.membersRemoved?.some((m) => m.id === activity.recipient?.id));
}

export function registerRememberConversation(bot: CharterBot, deps: TeamsDeps, memory: ConversationMemory): void {
  bot.onTurn(async (turn, next) => {
    if (!isRemoval(turn.activity)) {
      // A failed write must not cost the user their answer; the next activity tries again.
      await memory.remember(turn.activity).catch((err: unknown) => {
        deps.runtime.log.warn("teams conversation not stored", { error: err instanceof Error ? err.message : String(err) });
      });
    }
    await next();
  });
}
