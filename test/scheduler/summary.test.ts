import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });

describeEachProvider("standup summary", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  /** A Mon-Fri 09:00 Berlin standup of ana, ben and cy, with a 60-minute answer window. */
  async function team() {
    const tenant = await createTenant(t.store);
    const [ana, ben, cy] = await Promise.all(
      ["ana", "ben", "cy"].map((name) =>
        t.store.members.ensure(tenant.tenantId, { platformUserId: unique(name), name, timeZone: "Europe/Berlin" }),
      ),
    );
    const project = await createProject(t.store, tenant, "Apollo");
    const schedule = await t.store.standups.setup(tenant.scope, project.id, unique("C"), {
      platform: "local",
      days: ["mon", "tue", "wed", "thu", "fri"],
      time: "09:00",
      timeZone: "Europe/Berlin",
      participants: [ana!.id, ben!.id, cy!.id],
      windowMinutes: 60,
    });
    const summaries = (results: TickResult[]) => results.filter((r) => r.job === "standup-summary").map((r) => [r.outcome, r.slot]);
    const tick = async (at: string) => summaries(await runDue(deps, utc(at), { tenantId: tenant.tenantId }));
    const answer = (memberId: string, parts: { yesterday?: string; today?: string; blockers?: string | null }, date = "2026-06-15") =>
      t.store.standups.answer({ tenantId: tenant.tenantId, actorId: memberId }, schedule.id, date, parts);
    const posted = () => t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind: "standup-summary" } });
    return { tenant, schedule, ana: ana!, ben: ben!, cy: cy!, tick, answer, posted, manager: tenant.manager };
  }

  it("posts one summary when the window closes: blockers first to the manager, silent people unnamed by @, participation", async () => {
    const s = await team();
    expect(await s.tick("2026-06-15T07:00:00Z")).toEqual([]);
    await s.answer(s.ana.id, { yesterday: "Login form", today: "Password reset", blockers: "Waiting for staging DB" });
    await s.answer(s.ben.id, { yesterday: "API docs", today: "Rate limits" });
    expect(await s.tick("2026-06-15T07:59:00Z")).toEqual([]);
    expect(await s.tick("2026-06-15T08:00:00Z")).toEqual([["done", "2026-06-15"]]);
    expect(await s.tick("2026-06-15T08:01:00Z")).toEqual([["already-claimed", "2026-06-15"]]);

    const [summary, ...more] = await s.posted();
    expect(more).toEqual([]);
    expect(summary!.channelId).toBe(s.schedule.channelId);
    const text = summary!.text;
    expect(text.indexOf("Blockers")).toBeLessThan(text.indexOf("Login form"));
    expect(text).toContain("@Pat Manager");
    expect(text).toContain("@ana: Waiting for staging DB");
    expect(text).toContain("ben — yesterday: API docs — today: Rate limits — no blockers");
    expect(text).toContain("No answer from cy.");
    expect(text).not.toContain("@cy");
    expect(text).toContain("Participation: 2 of 3 (67 %)");
  });

  it("posts as soon as everyone asked has answered, leaving out people on leave", async () => {
    const s = await team();
    await t.store.standups.skip(s.tenant.scope, s.schedule.id, s.cy.id, "2026-06-15");
    expect(await s.tick("2026-06-15T07:00:00Z")).toEqual([]);
    await s.answer(s.ana.id, { today: "Reviews", blockers: null });
    await s.answer(s.ben.id, { today: "Deploy" });
    expect(await s.tick("2026-06-15T07:10:00Z")).toEqual([["done", "2026-06-15"]]);
    const [summary] = await s.posted();
    expect(summary!.text).toContain("Participation: 2 of 2 (100 %)");
    expect(summary!.text).not.toContain("Blockers");
  });

  it("records the summary of a day the process slept through as missed", async () => {
    const s = await team();
    expect(await s.tick("2026-06-15T06:00:00Z")).toEqual([]);
    expect(await s.tick("2026-06-16T06:00:00Z")).toEqual([["missed", "2026-06-15"]]);
    expect(await s.posted()).toEqual([]);
  });

  it("tells the project manager by DM about a blocker reported 3 standup days in a row, weekends not counting as gaps", async () => {
    const s = await team();
    for (const date of ["2026-06-11", "2026-06-12", "2026-06-15"]) await s.answer(s.ana.id, { blockers: `No staging DB (${date})` }, date);
    for (const date of ["2026-06-12", "2026-06-15"]) await s.answer(s.ben.id, { blockers: "Flaky CI" }, date);
    expect(await s.tick("2026-06-15T08:00:00Z")).toEqual([["done", "2026-06-15"]]);
    const alerts = await t.db.prisma.outboxMessage.findMany({ where: { tenantId: s.tenant.tenantId, kind: "alert" } });
    expect(alerts.map((a) => a.channelId)).toEqual([s.manager.platformUserId]);
    expect(alerts[0]!.text).toContain("@ana has reported a blocker on Apollo 3 standup days in a row");
    expect(alerts[0]!.text).toContain("2026-06-11: No staging DB (2026-06-11)");
  });
});
