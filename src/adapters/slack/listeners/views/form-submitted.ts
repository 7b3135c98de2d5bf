/**
 * A submitted modal goes through the same validation as typed words. Invalid
 * input is answered with `response_action: "errors"` on the right fields, so
 * the modal stays open; a valid one closes it and the answer is posted.
 *
 * Slack does not retry a view submission, but one answered late may have
 * been applied and then be submitted again: the view id and a hash of its
 * values are claimed first, and a repeat of a saved submission closes the
 * modal again without saving twice. A refused or failed one wrote nothing,
 * so its claim is given up and a repeat is judged afresh.
 */
import { createHash } from "node:crypto";
import type { App, ViewSubmitAction } from "@slack/bolt";
import { savedBy, type Context, type ChatText, findCommand, submitForm, formFor, tokenize } from "../../../../core/index.js";
import { slackContext, tenantOf, type SlackDeps } from "../../context.js";
import { postReply } from "../../deliver.js";
import { decodeFormMetadata } from "../../form-metadata.js";
import { failureMessage } from "../../../common/failure.js";
import { formValuesFromSlack, toSlackErrors, FORM_CALLBACK_ID } from "../../render/index.js";
import { firstDelivery, releaseDelivery } from "../../../common/retries.js";

const CLAIM_JOB = "slack:view";

/** The view and what was entered in it: the same submission has the same key, changed values a new one. */
export function submissionKey(viewId: string, values: Record<string, string | ChatText>): string {
  // A picked person or channel hashes as its words (ChatText keeps them in a private field).
  const entries = Object.entries(values)
    .map(([name, v]) => [name, typeof v === "string" ? v : v.words] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${viewId}:${createHash("sha256").update(JSON.stringify(entries)).digest("base64url")}`;
}

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
    const ids = {
      teamId: body.team?.id ?? body.user.team_id,
      enterpriseId: body.enterprise?.id,
      isEnterpriseInstall: body.is_enterprise_install,
      userId: body.user.id,
      userName: body.user.name,
      userTeamId: body.user.team_id,
      channelId: meta.channelId,
    };
    const values = formValuesFromSlack(view.state.values, form);
    let claim: { tenant: string; key: string } | undefined;
    let ctx: Context | undefined;
    try {
      const tenant = tenantOf(ids);
      const key = submissionKey(view.id, values);
      if (!(await firstDelivery(deps.runtime, tenant, CLAIM_JOB, key))) {
        log.info("slack form submitted again; already saved");
        await ack();
        return;
      }
      claim = { tenant, key };
      ctx = await slackContext(deps, client, ids);
      const reply = await submitForm(ctx, meta.command, values, meta.project);
      if (!reply.ok) {
        await releaseDelivery(deps.runtime, tenant, CLAIM_JOB, key);
        // Field errors go next to their fields; any other refusal (say, no project linked) on the first field.
        const errors = reply.form?.errors ?? { _: reply.summary };
        await ack({ response_action: "errors", errors: toSlackErrors(errors, form) });
        return;
      }
      await ack();
      await postReply(client, log, { channelId: meta.channelId, userId: body.user.id }, reply);
    } catch (err) {
      log.error("slack form submission failed", { error: err instanceof Error ? err.message : String(err) });
      // A failure after a write keeps the claim: a repeat must not save it twice.
      if (claim && !savedBy(ctx).length) await releaseDelivery(deps.runtime, claim.tenant, CLAIM_JOB, claim.key).catch(() => undefined);
      await ack({ response_action: "errors", errors: toSlackErrors({ _: failureMessage(err, ctx) }, form) }).catch(() => undefined);
    }
  });
}
