/**
 * Charter started in-process as `charter start` does, with Slack pointed at
 * the local Slack API server, on a fresh SQLite database.
 */
import { loadConfig } from "../../../src/config.js";
import { start, type Started } from "../../../src/main.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";
import { NO_RATE_LIMITS } from "../../support/rate-limits.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export interface RunningCharter {
  url: string;
  events: string;
  database: TestDatabase;
  started: Started;
  stop(): Promise<void>;
}

export async function startCharterWithSlack(env: Record<string, string>): Promise<RunningCharter> {
  const database = await createTestDatabase("sqlite", { migrate: false });
  const config = loadConfig({ DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...NO_RATE_LIMITS, ...env });
  const started = await start(config, () => undefined);
  const url = `http://127.0.0.1:${started.port}`;
  return {
    url,
    events: `${url}/slack/events`,
    database,
    started,
    async stop() {
      await started.stop();
      await database.drop();
    },
  };
}
