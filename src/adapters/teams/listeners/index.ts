/** Every Teams listener, grouped by kind as the activities arrive. */
import type { CharterBot } from "../bot.js";
import type { ConversationMemory } from "../conversations.js";
import type { TeamsDeps } from "../context.js";
import { registerCardAction } from "./card/card-action.js";
import { registerRememberConversation } from "./conversation/remember.js";
import { registerDialogOpen } from "./dialog/dialog-open.js";
import { registerDialogSubmit } from "./dialog/dialog-submit.js";
import { registerAppAdded } from "./install/app-added.js";
import { registerAppRemoved } from "./install/app-removed.js";
import { registerCommandMessage } from "./message/command.js";

export function registerListeners(bot: CharterBot, deps: TeamsDeps, memory: ConversationMemory): void {
  registerRememberConversation(bot, deps, memory);
  registerCommandMessage(bot, deps);
  registerCardAction(bot, deps);
  registerDialogOpen(bot, deps);
  registerDialogSubmit(bot, deps);
  registerAppAdded(bot, deps);
  registerAppRemoved(bot, deps, memory);
}
