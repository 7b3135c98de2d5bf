/**
 * A submitted modal goes through the same validation as typed words. Invalid
 * input is answered with `response_action: "errors"` on the right fields, so
 * the modal stays open; a valid one closes it and the answer is posted.
 */
import type { App, ViewSubmitAction } from "@slack/bolt";
import { findCommand, submitForm } from "../../../../core/dispatch.js";
import { formFor } from "../../../../core/commands/form.js";
import { tokenize } from "../../../../core/grammar/tokenize.js";
import { slackContext, type SlackDeps } from "../../context.js";
import { postReply } from "../../deliver.js";
import { decodeFormMetadata } from "../../form-metadata.js";
import { formValuesFromSlack, toSlackErrors, FORM_CALLBACK_ID } from "../../render/index.js";

export function registerFormSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const { log } = deps.runtime;
    const meta = decodeFormMetadata(view.private_metadata);
    const match = meta ? findCommand(tokenize(meta.command)) : null;
    if (!meta || !match) {
      await ack({ response_action: "errors", errors: {} });
      log.warn("slack form submission without a known command");
      return;
    }
    const form = formFor(match.def);
    try {
      const ctx = await slackContext(deps, client, {
        teamId: body.team?.id ?? body.user.team_id,
        enterpriseId: body.enterprise?.id,
        isEnterpriseInstall: body.is_enterprise_install,
        userId: body.user.id,
        userName: body.user.name,
        userTeamId: body.user.team_id,
        channelId: meta.channelId,
      });
      const reply = await submitForm(ctx, meta.command, formValuesFromSlack(view.state.values, form), meta.project);
      if (!reply.ok) {
        // Field errors go next to their fields; any other refusal (say, no project linked) on the first field.
        const errors = reply.form?.errors ?? { _: reply.summary };
        await ack({ response_action: "errors", errors: toSlackErrors(errors, form) });
        return;
      }
      await ack();
      await postReply(client, log, { channelId: meta.channelId, userId: body.user.id }, reply);
    } catch (err) {
      log.error("slack form submission failed", { error: err instanceof Error ? err.message : String(err) });
      await ack({ response_action: "errors", errors: toSlackErrors({ _: "Something went wrong on Charter's side and nothing was saved. Please try again." }, form) }).catch(() => undefined);
    }
  });
}
