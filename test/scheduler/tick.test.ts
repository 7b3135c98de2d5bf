import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { StandupSettings } from "../../src/core/store.js";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { openDatabase } from "../../src/store/database.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase, depsFor } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const berlinWeekdays: StandupSettings = {
  platform: "slack",
  days: ["mon", "tue", "wed", "thu", "fri"],
  time: "09:00",
  timeZone: "Europe/Berlin",
  participants: [],
};

describeEachProvider("scheduler tick", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  async function standup(settings: Partial<StandupSettings> = {}) {
    const tenant = await createTenant(t.store);
    const project = await createProject(t.store, tenant);
    const schedule = await t.store.standups.setup(tenant.scope, project.id, unique("C"), { ...berlinWeekdays, ...settings });
    const tick = async (at: string, d: TickDeps = deps) => prompts(await runDue(d, utc(at), { tenantId: tenant.tenantId }));
    const outbox = () =>
      t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind: "standup-prompt" }, orderBy: { createdAt: "asc" } });
    return { tenant, project, schedule, tick, outbox };
  }

  const prompts = (results: TickResult[]) => results.filter((r) => r.job === "standup-prompt");
  const done = (results: TickResult[]) => prompts(results).filter((r) => r.outcome === "done");

  it("prompts a Mon-Fri 09:00 Berlin standup at 08:00Z before 2026-03-29 and 07:00Z after, never on weekends or holidays, never twice a day", async () => {
    const s = await standup({ holidays: ["2026-04-03"] });
    const results: TickResult[] = [];
    for (let at = utc("2026-03-26T00:00:00Z"); at < utc("2026-04-07T00:00:00Z"); at = at.plus({ minutes: 30 })) {
      results.push(...(await s.tick(at.toISO()!)));
    }
    expect(done(results).map((r) => [r.slot, r.due])).toEqual([
      ["2026-03-26", "2026-03-26T08:00:00.000Z"],
      ["2026-03-27", "2026-03-27T08:00:00.000Z"],
      ["2026-03-30", "2026-03-30T07:00:00.000Z"],
      ["2026-03-31", "2026-03-31T07:00:00.000Z"],
      ["2026-04-01", "2026-04-01T07:00:00.000Z"],
      ["2026-04-02", "2026-04-02T07:00:00.000Z"],
      ["2026-04-06", "2026-04-06T07:00:00.000Z"],
    ]);
    const posted = await s.outbox();
    expect(posted).toHaveLength(7);
    expect(new Set(posted.map((m) => m.channelId))).toEqual(new Set([s.schedule.channelId]));
    expect(posted.every((m) => m.kind === "standup-prompt" && m.platform === "slack")).toBe(true);
    // 576 ticks, each with its own database round trips: longer than the default limit beside two other workers.
  }, 120_000);

  it("asks New York and Kolkata participants each at their own 09:00", async () => {
    const tenant = await createTenant(t.store);
    const ny = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: "Nia", timeZone: "America/New_York" });
    const kol = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: "Kiran", timeZone: "Asia/Kolkata" });
    const project = await createProject(t.store, tenant);
    await t.store.standups.setup(tenant.scope, project.id, unique("C"), {
      ...berlinWeekdays,
      participants: [ny.id, kol.id],
      perParticipantZones: true,
    });
    const tick = async (at: string) => done(await runDue(deps, utc(at), { tenantId: tenant.tenantId }));

    expect(await tick("2026-03-30T03:29:00Z")).toEqual([]);
    const kolkata = await tick("2026-03-30T03:30:00Z"); // 09:00 IST (+05:30)
    expect(kolkata.map((r) => r.key)).toEqual([expect.stringMatching(`:${kol.id}$`)]);
    expect(await tick("2026-03-30T07:00:00Z")).toEqual([]); // 09:00 Berlin: the schedule zone is not theirs
    const newYork = await tick("2026-03-30T13:00:00Z"); // 09:00 EDT (-04:00)
    expect(newYork.map((r) => r.key)).toEqual([expect.stringMatching(`:${ny.id}$`)]);

    // The DMs; the opening of the day's Slack thread goes to the channel.
    const posted = await t.db.prisma.outboxMessage.findMany({
      where: { tenantId: tenant.tenantId, kind: "standup-prompt", NOT: { dedupeKey: { startsWith: "standup-thread:" } } },
    });
    expect(posted.map((m) => m.channelId).sort()).toEqual([ny.platformUserId, kol.platformUserId].sort());
  });

  it("posts nothing when run-due runs twice for the same instant", async () => {
    const s = await standup();
    const first = await s.tick("2026-03-30T07:00:00Z");
    expect(first.map((r) => r.outcome)).toEqual(["done"]);
    const second = await s.tick("2026-03-30T07:00:00Z");
    expect(second.map((r) => r.outcome)).toEqual(["already-claimed"]);
    expect(await s.outbox()).toHaveLength(1);
  });

  // Declared for PostgreSQL, the scale-out database: better-sqlite3 waits for a
  // lock synchronously, so two connections inside one test process can block
  // each other's event loop; separate processes on one SQLite file just wait their turn.
  if (provider === "postgresql")
    it("posts once when two processes tick the same instant on one database", async () => {
      const others = await Promise.all([openDatabase(t.url), openDatabase(t.url)]);
      try {
        const tenant = await createTenant(t.store);
        const members = await Promise.all(
          ["a", "b", "c"].map((n) =>
            t.store.members.ensure(tenant.tenantId, { platformUserId: unique(`U${n}`), name: n, timeZone: "Europe/Berlin" }),
          ),
        );
        const project = await createProject(t.store, tenant);
        await t.store.standups.setup(tenant.scope, project.id, unique("C"), { ...berlinWeekdays, participants: members.map((m) => m.id) });
        const [one, two] = others.map((db, i) => depsFor(db, `process-${i}`));
        const at = utc("2026-03-31T07:00:00Z");
        const results = prompts(
          (await Promise.all([runDue(one!, at, { tenantId: tenant.tenantId }), runDue(two!, at, { tenantId: tenant.tenantId })])).flat(),
        );
        expect(done(results)).toHaveLength(3);
        expect(results.filter((r) => r.outcome === "already-claimed")).toHaveLength(3);
        // Three prompts and one opening of the day's Slack thread.
        expect(await t.db.prisma.outboxMessage.count({ where: { tenantId: tenant.tenantId } })).toBe(4);
      } finally {
        await Promise.all(others.map((db) => db.close()));
      }
    });

  it("posts the 09:00 prompt at 09:30 after being down from 08:30", async () => {
    const s = await standup();
    expect(await s.tick("2026-06-15T06:30:00Z")).toEqual([]); // 08:30 Berlin, last tick before going down
    const late = await s.tick("2026-06-15T07:30:00Z");
    expect(late.map((r) => [r.outcome, r.due])).toEqual([["done", "2026-06-15T07:00:00.000Z"]]);
    expect(await s.outbox()).toHaveLength(1);
  });

  it("records a prompt missed while down for a day and never posts it late", async () => {
    const s = await standup();
    expect(await s.tick("2026-06-15T06:30:00Z")).toEqual([]);
    const next = await s.tick("2026-06-16T06:30:00Z");
    expect(next.map((r) => [r.outcome, r.slot])).toEqual([["missed", "2026-06-15"]]);
    expect(await s.outbox()).toHaveLength(0);
    const claim = await deps.claims.get(s.tenant.tenantId, "standup-prompt", `${s.schedule.id}:channel`, "2026-06-15");
    expect(claim?.status).toBe("missed");
    // The same day's prompt still goes out on time.
    expect((await s.tick("2026-06-16T07:00:00Z")).map((r) => [r.outcome, r.slot])).toEqual([["done", "2026-06-16"]]);
  });

  it("records a participant on leave as skipped, and asks the others", async () => {
    const tenant = await createTenant(t.store);
    const away = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: "Away" });
    const here = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: "Here" });
    const project = await createProject(t.store, tenant);
    const schedule = await t.store.standups.setup(tenant.scope, project.id, unique("C"), {
      ...berlinWeekdays,
      participants: [away.id, here.id],
    });
    await t.store.standups.skip(tenant.scope, schedule.id, away.id, "2026-06-16");
    const day = async (at: string) =>
      prompts(await runDue(deps, utc(at), { tenantId: tenant.tenantId })).map((r) => [r.key.split(":")[1], r.outcome]);
    expect(await day("2026-06-16T07:00:00Z")).toEqual([
      [away.id, "skipped"],
      [here.id, "done"],
    ]);
    expect(await day("2026-06-17T07:00:00Z")).toEqual([
      [away.id, "done"],
      [here.id, "done"],
    ]);
  });
});
