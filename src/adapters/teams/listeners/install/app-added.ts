/**
 * Charter added to a team, a group chat or a personal chat (installationUpdate
 * add, or the bot among membersAdded). The conversation is already stored by
 * listeners/conversation/remember; this records that it happened.
 */
import type { CharterBot } from "../../bot.js";
import type { TeamsDeps } from "../../context.js";
import { conversationKind, tenantOf } from "../../activity.js";

export function registerAppAdded(bot: CharterBot, deps: TeamsDeps): void {
  bot.onInstallationUpdateAdd(async (turn, next) => {
    deps.runtime.log.info("teams app installed", { tenant: tenantOf(turn.activity), kind: conversationKind(turn.activity) });
    await next();
  });
  bot.onMembersAdded(async (turn, next) => {
    if (turn.activity.membersAdded?.some((m) => m.id === turn.activity.recipient?.id)) {
      deps.runtime.log.info("teams bot added to a conversation", {
        tenant: tenantOf(turn.activity),
        kind: conversationKind(turn.activity),
      });
    }
    await next();
  });
}
