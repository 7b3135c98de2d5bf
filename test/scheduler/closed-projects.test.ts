import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { runDue, type TickDeps } from "../../src/scheduler/tick.js";
import { activeReportSchedules } from "../../src/store/repositories/report-schedules.js";
import { activeStandupSchedules } from "../../src/store/repositories/standups.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const postMortem = { wentWell: ["Demos"], didNotGoWell: ["Late vendor"], lessons: ["Book early"], followUps: [] };

describeEachProvider("scheduled work of closed projects", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  it("stops standups, weekly digests and reminders while a project is closed, and resumes them on reopen", async () => {
    const tenant = await createTenant(t.store);
    const project = await createProject(t.store, tenant);
    const other = await createProject(t.store, tenant);
    const sam = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: "Sam", timeZone: "Europe/Berlin" });
    for (const p of [project, other]) {
      await t.store.standups.setup(tenant.scope, p.id, unique("C"), {
        platform: "slack",
        days: ["mon", "tue", "wed", "thu", "fri"],
        time: "09:00",
        timeZone: "Europe/Berlin",
        participants: [],
      });
      await t.store.reportSchedules.setup(tenant.scope, p.id, unique("C"), {
        platform: "slack",
        day: "mon",
        time: "09:00",
        timeZone: "Europe/Berlin",
      });
      await t.store.tasks.add(tenant.scope, p.id, { title: "Overdue", assigneeId: sam.id, dueDate: "2026-01-01" });
    }
    await t.store.closeOuts.close(tenant.scope, project.id, { postMortem, finalReport: {}, at: new Date("2026-03-01T12:00:00Z") });

    const filter = { tenantId: tenant.tenantId };
    expect((await activeStandupSchedules(t.db, filter)).map((s) => s.projectId)).toEqual([other.id]);
    expect((await activeReportSchedules(t.db, filter)).map((s) => s.projectId)).toEqual([other.id]);

    // Monday 09:00 Berlin: the open project's standup and digest run; the closed project's do not, and its task is not reminded.
    const monday = await runDue(deps, utc("2026-03-02T08:00:00Z"), filter);
    const keys = monday.filter((r) => r.outcome === "done").map((r) => `${r.job}`);
    expect(keys.filter((k) => k !== "reminder").sort()).toEqual(["standup-prompt", "weekly-digest"].sort());
    const messages = await t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId } });
    expect(JSON.stringify(messages)).not.toContain(project.name);
    const reminder = messages.find((m) => m.kind === "reminder");
    expect(reminder && JSON.stringify(reminder)).toContain(other.name);

    // Reopened: its schedules are walked again from the next occurrence.
    await t.store.closeOuts.reopen(tenant.scope, project.id, new Date("2026-03-02T12:00:00Z"));
    expect((await activeStandupSchedules(t.db, filter)).map((s) => s.projectId).sort()).toEqual([project.id, other.id].sort());
    const tuesday = await runDue(deps, utc("2026-03-03T08:00:00Z"), filter);
    expect(tuesday.filter((r) => r.job === "standup-prompt" && r.outcome === "done")).toHaveLength(2);
  });
});
