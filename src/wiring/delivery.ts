/**
 * The delivery loop `charter start` runs: the local outbox always, Slack and
 * Teams when they are configured. Here each platform's sender (in its
 * adapter) is put together with its settings: Slack's bot token comes from
 * the configuration (one workspace) or from the workspace's stored
 * installation (OAuth); Teams sends with the bot's app credentials to the
 * conversations stored when Charter was added to them.
 */
import type { SlackSettings } from "../adapters/slack/settings.js";
import type { TeamsSettings } from "../adapters/teams/settings.js";
import type { Platform } from "../core/index.js";
import { createDelivery, type Delivery } from "../outbox/delivery.js";
import { localSender } from "../outbox/local-sender.js";
import type { Sender } from "../outbox/senders.js";
import type { Runtime } from "../runtime.js";
import { conversationRefsRepository } from "../store/index.js";

/** How often the outbox is checked for due messages when idle. */
export const DELIVERY_INTERVAL_MS = 1_000;

/** Starts the loop; each platform's sender (and its SDK) is loaded only when that platform is configured. */
export async function startDelivery(
  runtime: Pick<Runtime, "db" | "log" | "metrics">,
  slack: SlackSettings | null,
  intervalMs = DELIVERY_INTERVAL_MS,
  teams: TeamsSettings | null = null,
): Promise<Delivery> {
  const senders: Partial<Record<Platform, Sender>> = { local: localSender() };
  if (slack) {
    const [{ slackSender }, { slackTokenSource }] = await Promise.all([
      import("../adapters/slack/outbox-sender.js"),
      import("../adapters/slack/installations.js"),
    ]);
    senders.slack = slackSender({
      token: slackTokenSource(runtime, slack),
      log: runtime.log,
      ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    });
  }
  if (teams) {
    const [{ teamsSender }, { CloudAdapter }, { botFrameworkAuthentication }] = await Promise.all([
      import("../adapters/teams/outbox-sender.js"),
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
