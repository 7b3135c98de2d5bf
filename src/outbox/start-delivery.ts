/**
 * The delivery loop `charter start` runs: the local outbox always, Slack and
 * Teams when they are configured. Slack's bot token comes from the
 * configuration (one workspace) or from the workspace's stored installation
 * (OAuth); Teams sends with the bot's app credentials to the conversations
 * stored when Charter was added to them.
 */
import { createSlackInstallationStore } from "../adapters/slack/installation-store.js";
import type { SlackSettings } from "../adapters/slack/settings.js";
import type { TeamsSettings } from "../adapters/teams/settings.js";
import type { Runtime } from "../runtime.js";
import { conversationRefsRepository } from "../store/index.js";
import { parseEncryptionKey } from "../store/secrets.js";
import { createDelivery, type Delivery } from "./delivery.js";
import { localSender } from "./local-sender.js";
import type { Platform } from "../core/records.js";
import type { Sender } from "./senders.js";

/** How often the outbox is checked for due messages when idle. */
export const DELIVERY_INTERVAL_MS = 1_000;

export function slackTokenSource(runtime: Pick<Runtime, "db">, settings: SlackSettings): (tenantId: string) => Promise<string | undefined> {
  if (settings.transport !== "http-oauth") return () => Promise.resolve(settings.botToken);
  const installations = createSlackInstallationStore(runtime.db, parseEncryptionKey(settings.encryptionKey));
  return async (tenantId) => {
    try {
      const installation = await installations.fetchInstallation({ teamId: tenantId, enterpriseId: undefined, isEnterpriseInstall: false });
      return installation.bot?.token;
    } catch (error) {
      // Not installed (or uninstalled) is final; anything else, such as the database, may pass.
      if (error instanceof Error && error.message.includes("is not installed")) return undefined;
      throw error;
    }
  };
}

/** Starts the loop; each platform's sender (and its SDK) is loaded only when that platform is configured. */
export async function startDelivery(
  runtime: Pick<Runtime, "db" | "log" | "metrics">,
  slack: SlackSettings | null,
  intervalMs = DELIVERY_INTERVAL_MS,
  teams: TeamsSettings | null = null,
): Promise<Delivery> {
  const senders: Partial<Record<Platform, Sender>> = { local: localSender() };
  if (slack) {
    const { slackSender } = await import("./slack-sender.js");
    senders.slack = slackSender({ token: slackTokenSource(runtime, slack), log: runtime.log, ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}) });
  }
  if (teams) {
    const [{ teamsSender }, { CloudAdapter }, { botFrameworkAuthentication }] = await Promise.all([
      import("./teams-sender.js"),
      import("botbuilder"),
      import("../adapters/teams/authentication.js"),
    ]);
    senders.teams = teamsSender({
      // Its own adapter, with no turn error handler: a failed send must reach the outbox to be retried.
      adapter: new CloudAdapter(botFrameworkAuthentication(teams)),
      appId: teams.auth === "app" ? teams.appId : "",
      oauthScope: teams.auth === "app" ? teams.endpoints.oauthScope : "",
      conversations: conversationRefsRepository(runtime.db),
      log: runtime.log,
    });
  }
  const delivery = createDelivery({
    db: runtime.db,
    senders,
    log: runtime.log,
    ...(runtime.metrics ? { onRetry: runtime.metrics.outboxRetried } : {}),
  });
  delivery.start(intervalMs);
  return delivery;
}
