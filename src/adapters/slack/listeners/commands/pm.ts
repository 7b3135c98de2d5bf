/**
 * `/pm <command>`: ack at once (Slack allows 3 s), then run the command and
 * answer through response_url. A command missing its words opens its form
 * as a modal. A retried delivery of the same invocation is ignored.
 */
import type { App } from "@slack/bolt";
import { type Context, dispatch } from "../../../../core/index.js";
import { slackContext, tenantOf, type SlackDeps } from "../../context.js";
import { respondWith } from "../../deliver.js";
import { slackText } from "../../inbound-text.js";
import { openForm } from "../../open-form.js";
import { failureReply } from "../../../common/failure.js";
import { firstDelivery } from "../../../common/retries.js";

export function registerPmCommand(app: App, deps: SlackDeps, command = "/pm"): void {
  app.command(command, async ({ ack, command: cmd, client, respond }) => {
    await ack();
    const { log } = deps.runtime;
    let ctx: Context | undefined;
    try {
      const tenant = tenantOf({
        teamId: cmd.team_id,
        enterpriseId: cmd.enterprise_id,
        isEnterpriseInstall: cmd.is_enterprise_install === "true",
      });
      if (!(await firstDelivery(deps.runtime, tenant, "slack:command", cmd.trigger_id))) {
        log.info("slack command delivered again; already handled", { command: cmd.command });
        return;
      }
      ctx = await slackContext(deps, client, {
        teamId: cmd.team_id,
        enterpriseId: cmd.enterprise_id,
        isEnterpriseInstall: cmd.is_enterprise_install === "true",
        userId: cmd.user_id,
        userName: cmd.user_name,
        channelId: cmd.channel_id,
        channelName: cmd.channel_name,
      });
      const reply = await dispatch(ctx, slackText(cmd.text ?? ""));
      if (reply.form && !reply.form.errors) await openForm(client, cmd.trigger_id, reply.form, cmd.channel_id);
      // Charts and files are uploaded with the bot's client: response_url cannot carry them.
      else await respondWith(respond, reply, { client, log, to: { channelId: cmd.channel_id, userId: cmd.user_id } });
    } catch (err) {
      log.error("slack command failed", { error: err instanceof Error ? err.message : String(err) });
      await respondWith(respond, failureReply(err, ctx)).catch(() => undefined);
    }
  });
}
