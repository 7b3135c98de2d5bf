/**
 * Authorization for one workspace's bot token (HTTP and Socket Mode without
 * OAuth). Bolt's own, given `token`, calls auth.test from the App's
 * constructor with the Web API's default retries (10 over about 30 minutes):
 * with Slack unreachable that call keeps timers alive long after Charter is
 * asked to stop, and once it finally fails nothing handles the rejection, so
 * the process crashes. Here auth.test is retried briefly, a success is kept,
 * a failure is logged and tried again on the next event.
 */
import type { Authorize } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "../../core/index.js";

/** Start-up and authorization calls: a few quick retries, each attempt at most 10 s. */
export const AUTH_TEST_OPTIONS = { retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 }, timeout: 10_000 } as const;

interface BotIdentity {
  botId?: string;
  botUserId?: string;
}

export interface BotTokenAuthorization {
  authorize: Authorize<boolean>;
  /** Checks the token once (auth.test); logs the outcome, never throws. */
  verify(): Promise<boolean>;
}

export function botTokenAuthorization(botToken: string, clientOptions: WebClientOptions, log: Logger): BotTokenAuthorization {
  const client = new WebClient(botToken, { ...clientOptions, ...AUTH_TEST_OPTIONS });
  let identity: Promise<BotIdentity> | undefined;
  const lookup = (): Promise<BotIdentity> =>
    (identity ??= client.auth.test().then(
      (r) => ({ ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    ));
  return {
    authorize: async ({ isEnterpriseInstall }) => ({ isEnterpriseInstall, botToken, ...(await lookup()) }),
    verify: () =>
      lookup().then(
        () => true,
        (error: unknown) => {
          log.warn("slack: the bot token could not be checked (auth.test); events are answered once Slack is reachable", {
            error: error instanceof Error ? error.message : String(error),
          });
          return false;
        },
      ),
  };
}
