/**
 * Scheduled work a crashed process left half done: its claim stays
 * "running" until the lease runs out, then a later tick takes it over and
 * the outbox's dedupe key keeps the message from being queued twice.
 */
import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { StandupSettings } from "../../src/core/store.js";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { openDatabase } from "../../src/store/database.js";
import { DEFAULT_LEASE_MS } from "../../src/store/repositories/claims.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase, depsFor } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const T = "2026-06-15T07:00:00Z"; // Monday 09:00 Berlin
const atLease = utc(T).plus({ milliseconds: DEFAULT_LEASE_MS }).toISO()!;
const channelStandup: StandupSettings = {
  platform: "local",
  days: ["mon", "tue", "wed", "thu", "fri"],
  time: "09:00",
  timeZone: "Europe/Berlin",
  participants: [],
};

/** A process that queues its messages and dies before recording that it did. */
function diesBeforeFinishing(deps: TickDeps): TickDeps {
  return { ...deps, claims: { ...deps.claims, finish: async () => true } };
}

describeEachProvider("scheduler claim leases", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  async function standup() {
    const tenant = await createTenant(t.store);
    const project = await createProject(t.store, tenant);
    const schedule = await t.store.standups.setup(tenant.scope, project.id, unique("C"), channelStandup);
    const key = `${schedule.id}:channel`;
    const prompts = async (at: string, d: TickDeps = deps) =>
      (await runDue(d, utc(at), { tenantId: tenant.tenantId })).filter((r: TickResult) => r.job === "standup-prompt").map((r) => r.outcome);
    const outbox = () => t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind: "standup-prompt" } });
    const claim = () => deps.claims.get(tenant.tenantId, "standup-prompt", key, "2026-06-15");
    return { tenant, schedule, key, prompts, outbox, claim };
  }

  it("takes over a prompt whose worker died after queueing it, at the end of the lease, and queues it once", async () => {
    const s = await standup();
    expect(await s.prompts(T, diesBeforeFinishing(depsFor(t.db, "dead")))).toEqual(["done"]);
    expect(await s.claim()).toMatchObject({ status: "running", claimedBy: "dead", attempts: 1 });
    expect(await s.outbox()).toHaveLength(1);

    // Still held a moment before the lease ends.
    expect(await s.prompts(utc(atLease).minus({ seconds: 1 }).toISO()!)).toEqual(["already-claimed"]);
    expect(await s.prompts(atLease)).toEqual(["done"]);
    expect(await s.claim()).toMatchObject({
      status: "done",
      claimedBy: "main",
      attempts: 2,
      leaseUntil: null,
      detail: expect.stringMatching(/^already queued /),
    });
    expect(await s.outbox()).toHaveLength(1);
    expect(await s.prompts(utc(atLease).plus({ minutes: 1 }).toISO()!)).toEqual(["already-claimed"]);
  });

  it("takes over a prompt whose worker died before queueing it, and posts it then", async () => {
    const s = await standup();
    expect(await deps.claims.claim(s.tenant.tenantId, "standup-prompt", s.key, "2026-06-15", "dead", { now: utc(T).toJSDate() })).toBe(
      true,
    );
    expect(await s.prompts(utc(T).plus({ minutes: 5 }).toISO()!)).toEqual(["already-claimed"]);
    expect(await s.outbox()).toHaveLength(0);
    expect(await s.prompts(atLease)).toEqual(["done"]);
    expect(await s.outbox()).toHaveLength(1);
    expect((await s.claim())?.detail).toMatch(/^queued /);
  });

  it("stops retrying a prompt that kills its worker three times", async () => {
    const s = await standup();
    const dying = diesBeforeFinishing(depsFor(t.db, "dead"));
    let at = utc(T);
    for (let attempt = 0; attempt < 3; attempt++, at = at.plus({ milliseconds: DEFAULT_LEASE_MS })) {
      expect(await s.prompts(at.toISO()!, dying)).toEqual(["done"]);
    }
    expect(await s.prompts(at.toISO()!)).toEqual(["already-claimed"]);
    expect(await s.claim()).toMatchObject({ status: "failed", detail: "gave up after 3 attempts", attempts: 3 });
    expect(await s.outbox()).toHaveLength(1);
  });

  // Separate connections in one process block each other on SQLite (see tick.test.ts), so the race runs on PostgreSQL.
  if (provider === "postgresql")
    it("lets exactly one of two processes take over a dead worker's prompt", async () => {
      const others = await Promise.all([openDatabase(t.url), openDatabase(t.url)]);
      try {
        const s = await standup();
        expect(await deps.claims.claim(s.tenant.tenantId, "standup-prompt", s.key, "2026-06-15", "dead", { now: utc(T).toJSDate() })).toBe(
          true,
        );
        const [one, two] = others.map((db, i) => depsFor(db, `process-${i}`));
        const outcomes = (await Promise.all([s.prompts(atLease, one), s.prompts(atLease, two)])).flat().sort();
        expect(outcomes).toEqual(["already-claimed", "done"]);
        expect(await s.outbox()).toHaveLength(1);
        expect(await s.claim()).toMatchObject({ status: "done", attempts: 2, claimedBy: expect.stringMatching(/^process-/) });
      } finally {
        await Promise.all(others.map((db) => db.close()));
      }
    });
});
