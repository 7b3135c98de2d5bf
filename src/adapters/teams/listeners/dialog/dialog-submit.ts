/**
 * A submitted dialog goes through the same validation as typed words.
 * Invalid input shows the dialog again with each error under its field and
 * what was entered kept; a valid one closes it, and the answer is posted in
 * the conversation the form was opened from.
 */
import type { TaskModuleResponse } from "botbuilder";
import { savedBy, type Context } from "../../../../core/index.js";
import type { CharterBot } from "../../bot.js";
import type { TeamsDeps } from "../../context.js";
import { deliverReply } from "../../deliver.js";
import { formForAction, submitDialog } from "../../forms.js";
import { charterActionOf, toTeamsDialog } from "../../render/index.js";
import { failureMessage } from "../../../common/failure.js";
import { firstDelivery, releaseDelivery } from "../once.js";
import { dialogResponse } from "./dialog-response.js";

export function registerDialogSubmit(bot: CharterBot, deps: TeamsDeps): void {
  bot.onDialogSubmit(async (turn, request): Promise<TaskModuleResponse | undefined> => {
    const { log } = deps.runtime;
    const action = charterActionOf(request.data);
    if (action?.action !== "submit") {
      log.warn("teams dialog submitted without a known form");
      return undefined;
    }
    let ctx: Context | undefined;
    try {
      if (!(await firstDelivery(deps, turn.activity))) {
        log.info("teams dialog submission delivered again; already handled");
        return undefined;
      }
      const submission = await submitDialog(deps, turn, action, request.data);
      const { reply, retry } = submission;
      ctx = submission.ctx;
      if (!reply.ok) await releaseDelivery(deps, turn.activity);
      if (retry) return dialogResponse(toTeamsDialog(retry));
      await deliverReply(deps, turn, reply);
      return undefined;
    } catch (err) {
      log.error("teams dialog submission failed", { error: err instanceof Error ? err.message : String(err) });
      // A failure after a write keeps the claim: a repeat must not save it twice.
      if (!savedBy(ctx).length) await releaseDelivery(deps, turn.activity).catch(() => undefined);
      const form = formForAction(action);
      const message = failureMessage(err, ctx);
      return form ? dialogResponse(toTeamsDialog({ ...form, errors: { _: message } })) : { task: { type: "message", value: message } };
    }
  });
}
