/**
 * `@Charter <command>` in a channel: the same commands as /pm, answered in
 * the thread of the mention (team news) or privately to the person asking.
 */
import type { App } from "@slack/bolt";
import { type Context, dispatch } from "../../../../core/index.js";
import { slackContext, tenantOf, type SlackDeps } from "../../context.js";
import { postReply } from "../../deliver.js";
import { slackText } from "../../inbound-text.js";
import { failureReply } from "../../../common/failure.js";
import { firstDelivery } from "../../../common/retries.js";

/** Drops the leading mention of the bot: "<@U0BOT> cost add 5" -> "cost add 5". */
export const withoutBotMention = (text: string): string => text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*/i, "");

export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event("app_mention", async ({ event, body, client }) => {
    const { log } = deps.runtime;
    if (!event.user) return;
    const ids = {
      teamId: body.team_id,
      enterpriseId: body.enterprise_id,
      isEnterpriseInstall: body.authorizations?.[0]?.is_enterprise_install,
      userId: event.user,
      userTeamId: event.user_team,
      channelId: event.channel,
    };
    const to = { channelId: event.channel, userId: event.user, threadTs: event.thread_ts ?? event.ts };
    let ctx: Context | undefined;
    try {
      // Slack redelivers events it thinks were missed; the event id makes that harmless.
      if (!(await firstDelivery(deps.runtime, tenantOf(ids), "slack:event", body.event_id))) return;
      ctx = await slackContext(deps, client, ids);
      const reply = await dispatch(ctx, slackText(withoutBotMention(event.text)));
      await postReply(client, log, to, reply);
    } catch (err) {
      log.error("slack mention failed", { error: err instanceof Error ? err.message : String(err) });
      await postReply(client, log, to, failureReply(err, ctx)).catch(() => undefined);
    }
  });
}
