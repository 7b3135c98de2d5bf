import type { TaskModuleResponse } from "botbuilder";
import { cardAttachment, type TeamsDialog } from "../../render/index.js";

/** Shows (or shows again) a dialog: Teams renders the card in its dialog window. */
export const dialogResponse = (dialog: TeamsDialog): TaskModuleResponse => ({
  task: { type: "continue", value: { title: dialog.title, width: "medium", card: cardAttachment(dialog.card) } },
});
