/** App Home: the member's overview, published whenever they open the tab. */
import type { App } from "@slack/bolt";
import { homeOverview } from "../../../../core/index.js";
import { slackContext, type SlackDeps } from "../../context.js";
import { toSlackHome } from "../../render/home.js";

export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, context, client }) => {
    if (event.tab !== "home") return;
    try {
      // An org-wide install's tenant is its enterprise: without the flag the workspace would become a stray tenant.
      const isEnterpriseInstall = context.isEnterpriseInstall || body.authorizations?.[0]?.is_enterprise_install === true;
      const ids = {
        teamId: body.team_id,
        enterpriseId: body.enterprise_id ?? context.enterpriseId,
        isEnterpriseInstall,
        userId: event.user,
        channelId: undefined,
      };
      const ctx = await slackContext(deps, client, ids);
      await client.views.publish({ user_id: event.user, view: toSlackHome(await homeOverview(ctx)) });
    } catch (err) {
      deps.runtime.log.error("slack home failed", { error: err instanceof Error ? err.message : String(err) });
    }
  });
}
