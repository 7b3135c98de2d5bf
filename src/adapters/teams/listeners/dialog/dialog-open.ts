/**
 * A reply's "open the form" button (msteams task/fetch): Teams asks for the
 * dialog to show, and gets the command's form as an Adaptive Card, prefilled
 * with whatever was already typed with the command.
 */
import type { TaskModuleResponse } from "botbuilder";
import type { CharterBot } from "../../bot.js";
import type { TeamsDeps } from "../../context.js";
import { formForAction } from "../../forms.js";
import { charterActionOf, toTeamsDialog } from "../../render/index.js";
import { dialogResponse } from "./dialog-response.js";

export function registerDialogOpen(bot: CharterBot, deps: TeamsDeps): void {
  bot.onDialogOpen(async (_turn, request): Promise<TaskModuleResponse> => {
    const action = charterActionOf(request.data);
    const form = action?.action === "form" ? formForAction(action) : null;
    if (!form) {
      deps.runtime.log.warn("teams dialog asked for without a known form");
      return { task: { type: "message", value: "This form is no longer available. Type the command instead." } };
    }
    return dialogResponse(toTeamsDialog(form));
  });
}
