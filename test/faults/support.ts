/**
 * What the fault tests share: Charter started in-process on a given database
 * with Slack pointed at the local Slack API, `/pm` as Slack sends it, and the
 * checks every fault ends with (a private, friendly answer; no stack trace).
 */
import pg from "pg";
import { expect } from "vitest";
import { loadConfig } from "../../src/config.js";
import { start, type Started } from "../../src/main.js";
import { NO_RATE_LIMITS } from "../support/rate-limits.js";
import { newTriggerId, postSigned, slashCommandBody, type RecordedCall, type SlackApi } from "../support/slack/index.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export interface Charter {
  url: string;
  started: Started;
  stop(): Promise<void>;
}

/** The environment of a `charter start` on `databaseUrl` with one Slack workspace (over HTTP) served by `api`. */
export function slackCharterEnv(databaseUrl: string, api: Pick<SlackApi, "url">, logLevel = "silent"): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: logLevel,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
    // The faults are under test, not the per-person command limit: load tests send more than a person may.
    ...NO_RATE_LIMITS,
  };
}

/** `charter start` in this process on `databaseUrl`, with one Slack workspace served by `api`. */
export async function startCharter(databaseUrl: string, api: SlackApi): Promise<Charter> {
  const config = loadConfig(slackCharterEnv(databaseUrl, api));
  const started = await start(config, () => undefined);
  return { url: `http://127.0.0.1:${started.port}`, started, stop: () => started.stop() };
}

let sent = 0;

/** Sends `/pm <text>` signed as Slack does and returns the text of the response_url answer, with its visibility. */
export async function pm(
  charter: Pick<Charter, "url">,
  api: SlackApi,
  text: string,
): Promise<{ text: string; private: boolean; call: RecordedCall }> {
  const id = `fault-${process.pid}-${++sent}`;
  const body = slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: newTriggerId() });
  const http = await postSigned(`${charter.url}/slack/events`, body, { secret: SIGNING_SECRET, timeoutMs: 15_000 });
  expect(http.status, `Slack must get its ack for "${text}"`).toBe(200);
  // Silence is a failure too: every command is answered, whatever broke.
  const call = await api.waitFor("response_url", (c) => c.responseUrlId === id, 20_000);
  return { text: JSON.stringify(call.args), private: call.args.response_type !== "in_channel", call };
}

/** Nothing that looks like a stack trace, an error class or a Prisma/driver message reaches chat. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|Error:|Invalid `|prisma|SQLITE_|ECONN|57P01|terminating connection|stack/i);
}

/** GET /readyz: status and which checks failed. */
export async function readiness(charter: Pick<Charter, "url">): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${charter.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { checks: Record<string, string> };
  return { status: response.status, checks: body.checks };
}

/** Polls until `check` holds (or fails with what it last saw). */
export async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(last, (_, v) => (typeof v === "bigint" ? String(v) : v))}${lastError ? `, error: ${String(lastError)}` : ""})`,
  );
}

/** One query on a connection of its own, so the fault under test does not touch it. */
export async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
