/**
 * Observability of the built `charter start`, end to end: signed Slack slash
 * commands through the real HTTP receiver (Slack's Web API is a local
 * server), then GET /metrics (behind METRICS_TOKEN), GET /readyz and
 * x-request-id as an operator sees them, including the JSON log lines.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTriggerId, postSigned, slashCommandBody, startSlackApi, type SlackApi } from "../support/slack/index.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/db.js";
import { startCharter } from "./charter-binary.js";

const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const METRICS_TOKEN = "metrics-token-0123456789abcdef";

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}

const scrape = (url: string, token = METRICS_TOKEN) => fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

describe("charter start: metrics, readiness and request ids", () => {
  let api: SlackApi;
  let dir: string;
  let charter: Awaited<ReturnType<typeof startCharter>>;
  let n = 0;

  beforeAll(async () => {
    api = await startSlackApi({});
    dir = await mkdtemp(join(tmpdir(), "charter-obs-"));
    charter = await startCharter({
      DATABASE_URL: `file:${join(dir, "charter.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "debug",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      METRICS_TOKEN,
    });
  });
  afterAll(async () => {
    if (charter) await stopped(charter.child);
    await api?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function pm(text: string, headers?: Record<string, string>) {
    const id = `obs${++n}`;
    const body = slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: newTriggerId() });
    const http = await postSigned(`${charter.url}/slack/events`, body, { secret: SIGNING_SECRET, ...(headers ? { headers } : {}) });
    expect(http.status).toBe(200);
    await api.waitFor("response_url", (c) => c.responseUrlId === id);
    return http;
  }

  it("counts Slack commands by path and outcome, without the words typed", async () => {
    await pm('project create "Apollo" budget 10000 USD');
    await pm('cost add 250 USD software "Figma"');
    await pm("cost add lots of money");
    await pm("xyzzy plugh secretword");

    const res = await scrape(charter.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain('charter_commands_total{command="project create",outcome="ok"} 1');
    expect(body).toContain('charter_commands_total{command="cost add",outcome="ok"} 1');
    expect(body).toContain('charter_commands_total{command="cost add",outcome="rejected"} 1');
    expect(body).toContain('charter_commands_total{command="unknown",outcome="rejected"} 1');
    expect(body).toContain('charter_command_duration_seconds_count{command="cost add"} 2');
    expect(body).toMatch(/charter_outbox_messages\{status="pending"\} \d+/);
    expect(body).toContain("process_resident_memory_bytes");
    for (const typed of ["xyzzy", "secretword", "Figma", "lots"]) expect(body).not.toContain(typed);
  });

  it("refuses /metrics without the bearer token", async () => {
    const none = await fetch(`${charter.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await none.text()).not.toContain("charter_");
    expect((await scrape(charter.url, "metrics-token-0123456789abcdeX")).status).toBe(401);
    expect((await fetch(`${charter.url}/metrics`, { headers: { authorization: METRICS_TOKEN } })).status).toBe(401);
  });

  it("is ready with its database and Slack; /healthz stays liveness", async () => {
    const ready = await fetch(`${charter.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", checks: { database: "ok", slack: "ok" } });
    const health = await fetch(`${charter.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("echoes a sane x-request-id, makes one otherwise, and logs it", async () => {
    const given = await pm("cost list", { "X-Request-Id": "e2e-req-42" });
    expect(given.headers["x-request-id"]).toBe("e2e-req-42");
    const made = await fetch(`${charter.url}/readyz`, { headers: { "x-request-id": "not a sane id" } });
    const id = made.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const notFound = await fetch(`${charter.url}/no-such-page`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const lines = () =>
      charter
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    await expect.poll(() => lines().some((l) => l.requestId === "e2e-req-42" && l.path === "/slack/events")).toBe(true);
    await expect.poll(() => lines().some((l) => l.requestId === id && l.path === "/readyz")).toBe(true);
    expect(lines().some((l) => l.requestId === "not a sane id")).toBe(false);
  });

  it("keeps every secret out of its debug log", async () => {
    await pm('cost add 12 USD labour "Token check"');
    await scrape(charter.url);
    const out = charter.output();
    expect(out).toContain('"level":"debug"');
    for (const secret of ["xoxb-test-token", SIGNING_SECRET, METRICS_TOKEN]) expect(out).not.toContain(secret);
  });
});

describe("charter start on PostgreSQL: /readyz when the database is gone", async () => {
  const available = await postgresAvailable();

  it.skipIf(!available)("answers 503 naming the database once it is dropped", async () => {
    const database: TestDatabase = await createTestDatabase("postgresql", { migrate: false });
    await database.db.close();
    const charter = await startCharter({ DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" });
    try {
      const ready = await fetch(`${charter.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ok", checks: { database: "ok" } });
      // Metrics are open without METRICS_TOKEN.
      expect((await fetch(`${charter.url}/metrics`)).status).toBe(200);

      await database.drop();
      const gone = await fetch(`${charter.url}/readyz`);
      expect(gone.status).toBe(503);
      expect(await gone.json()).toEqual({ status: "unavailable", checks: { database: "unavailable" }, notReady: ["database"] });
      expect((await fetch(`${charter.url}/healthz`)).status).toBe(503);
      // A scrape still answers while the database is away.
      expect((await fetch(`${charter.url}/metrics`)).status).toBe(200);
      expect(charter.output()).toContain("readiness check failed");
    } finally {
      await stopped(charter.child);
      await database.drop().catch(() => undefined);
    }
  });
});
