/**
 * The delivery loop `charter start` runs: the local outbox always, Slack when
 * it is configured. The bot token comes from the configuration (one
 * workspace) or from the workspace's stored installation (OAuth).
 */
import { createSlackInstallationStore } from "../adapters/slack/installation-store.js";
import type { SlackSettings } from "../adapters/slack/settings.js";
import type { Runtime } from "../runtime.js";
import { parseEncryptionKey } from "../store/secrets.js";
import { createDelivery, type Delivery } from "./delivery.js";
import { localSender } from "./local-sender.js";
import type { OutboxPlatform } from "./notifier.js";
import type { Sender } from "./senders.js";
import { slackSender } from "./slack-sender.js";

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

export function startDelivery(runtime: Pick<Runtime, "db" | "log">, slack: SlackSettings | null, intervalMs = DELIVERY_INTERVAL_MS): Delivery {
  const senders: Partial<Record<OutboxPlatform, Sender>> = { local: localSender() };
  if (slack) {
    senders.slack = slackSender({ token: slackTokenSource(runtime, slack), log: runtime.log, ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}) });
  }
  const delivery = createDelivery({ db: runtime.db, senders, log: runtime.log });
  delivery.start(intervalMs);
  return delivery;
}
