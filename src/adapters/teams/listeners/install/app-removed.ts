/**
 * Charter removed from a conversation (installationUpdate remove, or the bot
 * among membersRemoved): its reference is kept but marked not installed, so
 * nothing more is sent there until it is added again.
 */
import type { TurnContext } from "botbuilder";
import type { CharterBot } from "../../bot.js";
import type { ConversationMemory } from "../../conversations.js";
import type { TeamsDeps } from "../../context.js";
import { tenantOf } from "../../activity.js";

export function registerAppRemoved(bot: CharterBot, deps: TeamsDeps, memory: ConversationMemory): void {
  const removed = async (turn: TurnContext) => {
    try {
      await memory.forget(turn.activity);
      deps.runtime.log.info("teams app removed from a conversation", { tenant: tenantOf(turn.activity) });
    } catch (err) {
      deps.runtime.log.warn("teams removal not recorded", { error: err instanceof Error ? err.message : String(err) });
    }
  };
  bot.onInstallationUpdateRemove(async (turn, next) => {
    await removed(turn);
    await next();
  });
  bot.onMembersRemoved(async (turn, next) => {
    if (turn.activity.membersRemoved?.some((m) => m.id === turn.activity.recipient?.id)) await removed(turn);
    await next();
  });
}
