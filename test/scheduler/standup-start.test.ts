/**
 * When a standup starts and stops counting: a schedule set up (or resumed)
 * after today's time is first asked on the next day, a day nobody was asked
 * about gets no summary, and a stopped schedule does nothing.
 */
import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { StandupSettings } from "../../src/core/store.js";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const instant = (iso: string) => new Date(iso);

describeEachProvider("standup start and stop", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  /** Mon-Fri 09:00 Berlin (07:00Z in June) for ana, with a 60-minute window. */
  async function team(settings: Partial<StandupSettings> = {}) {
    const tenant = await createTenant(t.store);
    const ana = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("ana"), name: "ana", timeZone: "Europe/Berlin" });
    const project = await createProject(t.store, tenant, unique("Apollo"));
    const channelId = unique("C");
    const base: StandupSettings = {
      platform: "local",
      days: ["mon", "tue", "wed", "thu", "fri"],
      time: "09:00",
      timeZone: "Europe/Berlin",
      participants: [ana.id],
      windowMinutes: 60,
    };
    const setup = (more: Partial<StandupSettings> = {}) =>
      t.store.standups.setup(tenant.scope, project.id, channelId, { ...base, ...settings, ...more });
    const schedule = await setup();
    const results: TickResult[] = [];
    const tick = async (at: string) => {
      const now = await runDue(deps, utc(at), { tenantId: tenant.tenantId });
      results.push(...now);
      return now.filter((r) => r.job.startsWith("standup-")).map((r) => [r.job, r.outcome, r.slot]);
    };
    /** Ticks every 15 minutes in [from, to). */
    const run = async (from: string, to: string) => {
      for (let at = utc(from); at < utc(to); at = at.plus({ minutes: 15 })) await tick(at.toISO()!);
    };
    const posted = (kind: string) => t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind } });
    const jobRuns = (slot: string) => t.db.prisma.jobRun.count({ where: { tenantId: tenant.tenantId, slot } });
    const answer = (date: string) =>
      t.store.standups.answer({ tenantId: tenant.tenantId, actorId: ana.id }, schedule.id, date, { today: "Reviews" });
    return { tenant, project, ana, schedule, setup, tick, run, results, posted, jobRuns, answer };
  }

  it("first asks a standup set up at 10:00 for 09:00 the next day: no late prompt, nothing recorded missed, no summary", async () => {
    const s = await team({ activeFrom: instant("2026-06-15T08:00:00Z") });
    await s.run("2026-06-15T08:00:00Z", "2026-06-16T09:00:00Z");
    expect(s.results.filter((r) => r.slot === "2026-06-15")).toEqual([]);
    expect(await s.jobRuns("2026-06-15")).toBe(0);
    expect(s.results.filter((r) => r.outcome === "done").map((r) => [r.job, r.slot, r.due])).toEqual([
      ["standup-prompt", "2026-06-16", "2026-06-16T07:00:00.000Z"],
      ["standup-reminder", "2026-06-16", "2026-06-16T07:30:00.000Z"],
      ["standup-summary", "2026-06-16", "2026-06-16T08:00:00.000Z"],
    ]);
  });

  it("still asks a standup set up a minute before its time that day", async () => {
    const s = await team({ activeFrom: instant("2026-06-15T06:59:00Z") });
    expect(await s.tick("2026-06-15T07:00:00Z")).toEqual([["standup-prompt", "done", "2026-06-15"]]);
  });

  it("posts no summary for a day whose prompt went out too late to be posted and no one answered", async () => {
    const s = await team();
    expect(await s.tick("2026-06-15T06:30:00Z")).toEqual([]);
    // Down from 08:30 to 11:40 Berlin: the 09:00 prompt is beyond the grace window, the 10:00 close is not.
    expect(await s.tick("2026-06-15T09:40:00Z")).toEqual([
      ["standup-prompt", "missed", "2026-06-15"],
      ["standup-summary", "skipped", "2026-06-15"],
    ]);
    expect(s.results.find((r) => r.job === "standup-summary")?.detail).toBe("no prompt went out and no one answered");
    expect(await s.posted("standup-summary")).toEqual([]);
  });

  it("summarises a day whose prompt was missed when someone answered anyway", async () => {
    const s = await team();
    await s.answer("2026-06-15");
    expect(await s.tick("2026-06-15T09:40:00Z")).toEqual([
      ["standup-prompt", "missed", "2026-06-15"],
      ["standup-summary", "done", "2026-06-15"],
    ]);
    expect(await s.posted("standup-summary")).toHaveLength(1);
  });

  it("keeps today's summary when setup runs again mid-day on an active standup", async () => {
    const s = await team({ activeFrom: instant("2026-06-14T12:00:00Z") });
    expect(await s.tick("2026-06-15T07:00:00Z")).toEqual([["standup-prompt", "done", "2026-06-15"]]);
    const changed = await s.setup({ windowMinutes: 90, activeFrom: instant("2026-06-15T07:30:00Z") });
    expect(changed.activeFrom).toEqual(instant("2026-06-14T12:00:00Z"));
    expect(await s.tick("2026-06-15T08:29:00Z")).toEqual([
      ["standup-prompt", "already-claimed", "2026-06-15"],
      ["standup-reminder", "done", "2026-06-15"],
    ]);
    expect(await s.tick("2026-06-15T08:30:00Z")).toEqual([
      ["standup-prompt", "already-claimed", "2026-06-15"],
      ["standup-summary", "done", "2026-06-15"],
    ]);
  });

  it("does nothing for a stopped standup; setup starts it again from that moment", async () => {
    const s = await team({ activeFrom: instant("2026-06-14T12:00:00Z") });
    expect(await s.tick("2026-06-15T07:00:00Z")).toEqual([["standup-prompt", "done", "2026-06-15"]]);
    const stopped = await t.store.standups.stop(s.tenant.scope, s.schedule.id);
    expect(stopped.active).toBe(false);
    await s.run("2026-06-15T07:15:00Z", "2026-06-16T09:00:00Z");
    expect(s.results.slice(1)).toEqual([]);
    expect(await s.posted("standup-summary")).toEqual([]);

    const resumed = await s.setup({ activeFrom: instant("2026-06-16T09:00:00Z") });
    expect(resumed).toMatchObject({ active: true, activeFrom: instant("2026-06-16T09:00:00Z") });
    await s.run("2026-06-16T09:00:00Z", "2026-06-17T07:15:00Z");
    expect(s.results.slice(1).map((r) => [r.job, r.outcome, r.slot])).toEqual([["standup-prompt", "done", "2026-06-17"]]);
  });
});
