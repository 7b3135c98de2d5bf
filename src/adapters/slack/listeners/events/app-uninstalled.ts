/**
 * When a workspace removes Charter, its stored (encrypted) tokens are deleted
 * at once; its project data stays, so a re-install picks up where it left off.
 */
import type { App } from "@slack/bolt";
import type { InstallationStore } from "@slack/oauth";
import type { SlackDeps } from "../../context.js";

export function registerAppUninstalled(app: App, deps: SlackDeps, installations: InstallationStore): void {
  app.event("app_uninstalled", async ({ body }) => {
    const isEnterpriseInstall = body.authorizations?.[0]?.is_enterprise_install ?? false;
    try {
      await installations.deleteInstallation?.({ teamId: body.team_id, enterpriseId: body.enterprise_id, isEnterpriseInstall });
      deps.runtime.log.info("slack app uninstalled; tokens deleted", { team: body.team_id });
    } catch (err) {
      deps.runtime.log.error("slack uninstall cleanup failed", { error: err instanceof Error ? err.message : String(err) });
    }
  });
}
