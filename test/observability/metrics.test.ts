/**
 * The metrics' labels come from fixed sets: whatever a user types is counted
 * under its command path or "unknown", never as a label value of its own.
 * Commands run through the real core and a real SQLite store.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/core/commands/index.js";
import { commandName } from "../../src/core/commands/define.js";
import { dispatch, submitForm } from "../../src/core/dispatch.js";
import { commandLabel, createMetrics, jobLabel, outcomeLabel, platformLabel } from "../../src/observability/metrics.js";
import { requestIdOf } from "../../src/http/request-id.js";
import { chat } from "../support/context.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const known = new Set(commands.map(commandName));

describe("label normalisation", () => {
  it("keeps registered command paths and nothing else", () => {
    expect(commandLabel("cost add")).toBe("cost add");
    expect(commandLabel("  COST   Add ")).toBe("cost add");
    expect(commandLabel("help")).toBe("help");
    expect(commandLabel('cost add 2500 USD labour "Sprint 1"')).toBe("unknown");
    expect(commandLabel("task add Fix login bug @bob")).toBe("unknown");
    expect(commandLabel("")).toBe("unknown");
    expect(commandLabel('x"} 1\ncharter_commands_total{command="pwned')).toBe("unknown");
  });

  it("maps any string to a command path or unknown", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const label = commandLabel(text);
        expect(label === "unknown" || known.has(label)).toBe(true);
      }),
    );
  });

  it("bounds outcomes, platforms and job names", () => {
    expect(outcomeLabel("ok")).toBe("ok");
    expect(outcomeLabel("weird")).toBe("error");
    expect(platformLabel("slack")).toBe("slack");
    expect(platformLabel("C0123 general")).toBe("unknown");
    expect(jobLabel("standup-prompt")).toBe("standup-prompt");
    expect(jobLabel("weekly-digest")).toBe("weekly-digest");
    expect(jobLabel("Standup for Apollo")).toBe("unknown");
    expect(jobLabel("some-other-job")).toBe("unknown");
  });

  it("keeps a sane incoming request id and replaces anything else", () => {
    expect(requestIdOf({ headers: { "x-request-id": "abc-123_4.5" } })).toBe("abc-123_4.5");
    for (const bad of ["x".repeat(65), "has space", 'quote"', "new\nline", ""]) {
      const id = requestIdOf({ headers: { "x-request-id": bad } });
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdOf({ headers: {} })).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("command metrics through the core", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("counts by command path and outcome, times each command, and never labels free text", async () => {
    const metrics = createMetrics({ db: database.db, processMetrics: false });
    const context = async () => ({ ...(await chat(database.store).context()), observe: metrics.observeCommand });
    expect((await dispatch(await context(), 'project create "Apollo" budget 10000 USD')).ok).toBe(true);
    expect((await dispatch(await context(), 'project link "Apollo"')).ok).toBe(true);
    expect((await dispatch(await context(), 'cost add 250 USD software "Figma"')).ok).toBe(true);
    expect((await dispatch(await context(), "cost add lots of money")).ok).toBe(false);
    expect((await dispatch(await context(), 'xyzzy "my secret plan"')).ok).toBe(false);
    expect((await dispatch(await context(), "cost frobnicate secretword")).ok).toBe(false);
    expect((await submitForm(await context(), "cost add", { amount: "not money", category: "software" })).ok).toBe(false);
    expect((await dispatch(await context(), "")).ok).toBe(true);

    const { contentType, body } = await metrics.scrape();
    expect(contentType).toContain("text/plain");
    expect(body).toContain('charter_commands_total{command="cost add",outcome="ok"} 1');
    expect(body).toContain('charter_commands_total{command="cost add",outcome="rejected"} 2');
    expect(body).toContain('charter_commands_total{command="unknown",outcome="rejected"} 2');
    expect(body).toContain('charter_commands_total{command="help",outcome="ok"} 1');
    expect(body).toContain('charter_command_duration_seconds_count{command="cost add"} 3');
    expect(body).toContain('charter_outbox_messages{status="pending"}');
    for (const typed of ["xyzzy", "secret", "frobnicate", "Figma", "Apollo"]) expect(body).not.toContain(typed);
    // Its own registry: prom-client's global default registry is left alone.
    expect(body).not.toContain("process_cpu");
  });

  it("counts a failure on Charter's side as an error", async () => {
    const broken = await createTestDatabase("sqlite");
    const metrics = createMetrics({ processMetrics: false });
    const ctx = { ...(await chat(broken.store).context()), observe: metrics.observeCommand };
    await broken.drop();
    await dispatch(ctx, "project list").catch(() => undefined);
    expect((await metrics.scrape()).body).toContain('charter_commands_total{command="project list",outcome="error"} 1');
  });
});

describe("METRICS_TOKEN", () => {
  it("is optional and, when set, a random string of 16+ characters", async () => {
    const { loadConfig, ConfigError } = await import("../../src/config.js");
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: "0123456789abcdef0123" }).METRICS_TOKEN).toBe("0123456789abcdef0123");
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(ConfigError);
  });
});
