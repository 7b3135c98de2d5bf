/**
 * Buttons on Charter's messages carry the command they stand for (e.g.
 * "task done #3"): pressing one runs it exactly as if it had been typed.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { type Context, dispatch } from "../../../../core/index.js";
import { slackContext, tenantOf, type SlackDeps } from "../../context.js";
import { postReply, respondWith } from "../../deliver.js";
import { openForm } from "../../open-form.js";
import { failureReply } from "../../../common/failure.js";

import { ACTION_ID_PATTERN } from "../../render/index.js";
import { firstDelivery } from "../../../common/retries.js";

export function registerRunCommandAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async ({ ack, body, action, client, respond }) => {
    await ack();
    const { log } = deps.runtime;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    // A button on a message inside a thread answers in that thread.
    const threadTs: string | undefined = body.container?.thread_ts ?? body.message?.thread_ts;
    let ctx: Context | undefined;
    try {
      const ids = {
        teamId: body.team?.id ?? body.user.team_id,
        enterpriseId: body.enterprise?.id,
        isEnterpriseInstall: body.is_enterprise_install,
        userId: body.user.id,
        userName: body.user.username,
        userTeamId: body.user.team_id,
        channelId,
      };
      // One press is one run, even when Slack delivers it twice.
      const pressKey = `${body.trigger_id}:${action.action_id}`;
      if (!(await firstDelivery(deps.runtime, tenantOf(ids), "slack:action", pressKey))) return;
      ctx = await slackContext(deps, client, ids);
      const reply = await dispatch(ctx, action.value ?? "");
      if (reply.form && !reply.form.errors) {
        await openForm(client, body.trigger_id, reply.form, channelId);
      } else if (body.response_url) {
        await respondWith(respond, reply, { client, log, to: { channelId, userId: body.user.id, threadTs } });
      } else {
        await postReply(client, log, { channelId, userId: body.user.id, threadTs }, reply);
      }
    } catch (err) {
      log.error("slack action failed", { error: err instanceof Error ? err.message : String(err) });
      if (body.response_url) await respondWith(respond, failureReply(err, ctx)).catch(() => undefined);
    }
  });
}
