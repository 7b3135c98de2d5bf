/**
 * Action.Submit buttons on Charter's cards come back as messages carrying
 * the button's data. A reply's button (task done, risk close) runs its
 * command exactly as if it had been typed. Clients without dialogs (the Bot
 * Framework Emulator) post the form button here too: the form is then sent
 * as a card, and its submission handled as a dialog's would be.
 */
import type { TurnContext } from "botbuilder";
import { type Context, dispatch, type Form, savedBy } from "../../../../core/index.js";
import type { CharterBot } from "../../bot.js";
import { teamsContext, type TeamsDeps } from "../../context.js";
import { deliverReply, sendReply } from "../../deliver.js";
import { formForAction, submitDialog } from "../../forms.js";
import { cardAttachment, charterActionOf, toTeamsDialog } from "../../render/index.js";
import { failureReply } from "../../../common/failure.js";
import { firstDelivery, releaseDelivery } from "../once.js";

async function sendForm(turn: TurnContext, form: Form): Promise<void> {
  const { title, card } = toTeamsDialog(form);
  await turn.sendActivity({ type: "message", summary: title, attachments: [cardAttachment(card)] });
}

export function registerCardAction(bot: CharterBot, deps: TeamsDeps): void {
  bot.onMessage(async (turn, next) => {
    const action = charterActionOf(turn.activity.value);
    if (!action) return next();
    const { log } = deps.runtime;
    let ctx: Context | undefined;
    try {
      if (!(await firstDelivery(deps, turn.activity))) {
        log.info("teams card action delivered again; already handled");
      } else if (action.action === "run") {
        ctx = await teamsContext(deps, turn);
        await deliverReply(deps, turn, await dispatch(ctx, action.command));
      } else if (action.action === "form") {
        const form = formForAction(action);
        if (form) await sendForm(turn, form);
      } else {
        const submission = await submitDialog(deps, turn, action, turn.activity.value);
        const { reply, retry } = submission;
        ctx = submission.ctx;
        if (!reply.ok) await releaseDelivery(deps, turn.activity);
        if (retry) await sendForm(turn, retry);
        else await deliverReply(deps, turn, reply);
      }
    } catch (err) {
      log.error("teams card action failed", { error: err instanceof Error ? err.message : String(err) });
      // A failure after a write keeps the claim: a repeat must not save it twice.
      if (!savedBy(ctx).length) await releaseDelivery(deps, turn.activity).catch(() => undefined);
      await sendReply(turn, failureReply(err, ctx)).catch(() => undefined);
    }
    await next();
  });
}
