/**
 * Every command family once on PostgreSQL, through dispatch: the command
 * suites (test/core/commands) check behaviour on SQLite only, the store
 * suites (test/store) check the SQL on both databases, and this file checks
 * that the two meet on PostgreSQL: a representative happy path per family,
 * its reply and the rows it stored.
 */
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { submitForm } from "../../src/core/dispatch.js";
import type { Block } from "../../src/core/views/reply.js";
import { renderText } from "../../src/core/views/render-text.js";
import { describePostgres, suiteStore } from "../support/db.js";
import { apolloFixture, tableOf } from "../support/project.js";

type FileBlock = Extract<Block, { kind: "file" }>;

describePostgres("command families on PostgreSQL", () => {
  const testStore = suiteStore("postgresql");

  it("project: creates, links the channel, shows and lists", async () => {
    const f = await apolloFixture(testStore(), "pg-project");
    expect(f.project).toMatchObject({
      name: "Apollo",
      currency: "USD",
      budgetTotal: 1_000_000n,
      startDate: "2026-01-05",
      endDate: "2026-03-27",
    });
    const shown = await f.pm.say("project show");
    expect(shown.text).toContain("Apollo");
    expect(shown.text).toContain("$10,000.00");
    const again = await f.pm.say("project create APOLLO");
    expect(again.ok).toBe(false);
    expect((await f.store.projects.list(f.tenant)).map((p) => p.name)).toEqual(["Apollo"]);
  });

  it("task: adds with assignee, due date and estimate, then completes", async () => {
    const f = await apolloFixture(testStore(), "pg-task");
    const added = await f.pm.say("task add Fix login bug @bob due fri est 4h");
    expect(added.ok).toBe(true);
    expect(added.text).toContain("#1 Fix login bug — @bob, due Fri 6 Mar 2026 (due in 4 days)");
    const stored = (await f.store.tasks.byNumber(f.tenant, f.project.id, 1))!;
    expect(stored).toMatchObject({ title: "Fix login bug", status: "todo", dueDate: "2026-03-06", estimateHours: 4, parentId: null });
    expect(await f.name(stored.assigneeId)).toBe("bob");
    expect((await f.pm.say("task done #1")).ok).toBe(true);
    expect((await f.store.tasks.byNumber(f.tenant, f.project.id, 1))!.status).toBe("done");
  });

  it("cost and budget: logs exact amounts in minor units and totals them against the budget", async () => {
    const f = await apolloFixture(testStore(), "pg-cost");
    expect((await f.pm.say('cost add 2500 USD labour "Sprint 1 contractors"')).ok).toBe(true);
    expect((await f.pm.say('cost add 1,200.50 USD software "Licences"')).ok).toBe(true);
    const costs = await f.store.costs.list(f.tenant, f.project.id);
    expect(costs.map((c) => [c.amount, c.category, c.note]).sort()).toEqual([
      [120_050n, "software", "Licences"],
      [250_000n, "labour", "Sprint 1 contractors"],
    ]);
    expect((await f.store.costs.totals(f.tenant, f.project.id)).total).toBe(370_050n);
    const budget = await f.pm.say("budget");
    expect(budget.text).toContain("3,700.50");
    expect(budget.text).toContain("6,299.50");
    expect((await f.pm.say("budget set 12000 USD labour 8000")).ok).toBe(true);
    expect((await f.store.projects.get(f.tenant, f.project.id))!.budgetTotal).toBe(1_200_000n);
  });

  it("risk: adds with owner, mitigation and review date, and lists it", async () => {
    const f = await apolloFixture(testStore(), "pg-risk");
    const added = await f.pm.say('risk add Vendor may deliver late p3 i4 owner @bob mitigation "Mock the vendor API" review 2026-03-10');
    expect(added.text).toContain("Added risk #1 Vendor may deliver late — P3 × I4 = 12 (high)");
    const stored = (await f.store.risks.byNumber(f.tenant, f.project.id, 1))!;
    expect(stored).toMatchObject({
      title: "Vendor may deliver late",
      probability: 3,
      impact: 4,
      mitigation: "Mock the vendor API",
      reviewDate: "2026-03-10",
    });
    expect(await f.name(stored.ownerId)).toBe("bob");
    expect(tableOf((await f.pm.say("risk list")).reply.blocks).rows).toHaveLength(1);
  });

  it("kpi: adds a target and records readings", async () => {
    const f = await apolloFixture(testStore(), "pg-kpi");
    expect((await f.pm.say("kpi add Uptime target 99.9%")).ok).toBe(true);
    const first = await f.pm.say("kpi record Uptime 99.95%");
    expect(first.text).toContain("Uptime: 99.95% — on track (target ≥ 99.9%).");
    const [kpi] = await f.store.kpis.list(f.tenant, f.project.id, 10);
    expect([kpi!.name, kpi!.target, kpi!.unit, kpi!.direction]).toEqual(["Uptime", 99.9, "%", "higher"]);
    expect(kpi!.readings.map((r) => r.value)).toEqual([99.95]);
  });

  it("milestone: adds with a date and marks it reached", async () => {
    const f = await apolloFixture(testStore(), "pg-milestone");
    const added = await f.pm.say('milestone add "Beta due diligence" 2026-03-13');
    expect(added.text).toContain("Added milestone #1 Beta due diligence — Fri 13 Mar 2026 (due in 11 days)");
    expect((await f.pm.say("milestone done #1")).ok).toBe(true);
    const [milestone] = await f.store.milestones.list(f.tenant, f.project.id);
    expect(milestone).toMatchObject({ number: 1, name: "Beta due diligence", dueDate: "2026-03-13" });
    expect(milestone!.doneAt).not.toBeNull();
  });

  it("resource: allocates a member and replaces the allocation", async () => {
    const f = await apolloFixture(testStore(), "pg-resource");
    expect((await f.pm.say("resource allocate @bob 50%")).text).toContain("Allocated @bob to Apollo at 50% with no end date.");
    const again = await f.pm.say("resource allocate @bob 60 from 2026-03-02 to 2026-03-27");
    expect(again.text).toContain("at 60% 2026-03-02 to 2026-03-27 (was 50% with no end date)");
    const bob = await f.store.members.ensure(f.tenant, { platformUserId: "bob" });
    expect((await f.store.allocations.list(f.tenant, f.project.id)).map((a) => [a.memberId, a.percent, a.fromDate, a.toDate])).toEqual([
      [bob.id, 60, "2026-03-02", "2026-03-27"],
    ]);
  });

  it("stakeholder: adds with a role and the approver flag, then removes", async () => {
    const f = await apolloFixture(testStore(), "pg-stakeholder");
    const carol = await f.pm.say('stakeholder add @carol role "Product owner" approver');
    expect(carol.text).toContain("Added @carol as a stakeholder of Apollo (Product owner, approver).");
    const [stakeholder] = await f.store.stakeholders.list(f.tenant, f.project.id);
    expect(stakeholder).toMatchObject({ role: "Product owner", approver: true });
    expect(await f.name(stakeholder!.memberId)).toBe("carol");
    expect((await f.pm.say("stakeholder remove @carol")).ok).toBe(true);
    expect(await f.store.stakeholders.list(f.tenant, f.project.id)).toEqual([]);
  });

  it("standup: sets up a schedule, sends the prompt and records an answer", async () => {
    const f = await apolloFixture(testStore(), "pg-standup");
    expect((await f.pm.say("standup setup participants @alice @local-user")).ok).toBe(true);
    const schedule = (await f.store.standups.forChannel(f.tenant, f.project.id, "c-apollo"))!;
    expect(schedule).toMatchObject({ days: ["mon", "tue", "wed", "thu", "fri"], time: "09:00", timeZone: "UTC" });
    expect((await f.pm.say("standup now")).text).toContain("Standup prompt sent to");
    expect((await f.pm.say('standup answer yesterday "Login form" today "Password reset"')).ok).toBe(true);
    const me = (await f.pm.context()).user;
    expect(await f.store.standups.answers(f.tenant, schedule.id, "2026-03-02")).toEqual([
      { memberId: me.id, yesterday: "Login form", today: "Password reset", blockers: null, answeredAt: expect.any(Date) },
    ]);
  });

  it("change request: records one and applies it on approval", async () => {
    const f = await apolloFixture(testStore(), "pg-change");
    expect((await f.pm.say('stakeholder add @carol role "Sponsor" approver')).ok).toBe(true);
    const raised = await f.pm.say('change request "Single sign-on" cost +2500 USD schedule +5d');
    expect(raised.text).toContain("Recorded change request #1 Single sign-on.");
    expect((await f.store.changes.byNumber(f.tenant, f.project.id, 1))!.status).toBe("open");
    const approved = await f.as("carol").say('change approve #1 in "Apollo"');
    expect(approved.text).toContain("You approved change request #1 Single sign-on.");
    expect(approved.text).toContain("Budget: $10,000.00 → $12,500.00");
    expect((await f.store.changes.byNumber(f.tenant, f.project.id, 1))!.status).toBe("approved");
    expect(await f.store.projects.get(f.tenant, f.project.id)).toMatchObject({ budgetTotal: 1_250_000n, endDate: "2026-04-01" });
  });

  it("report and export: the weekly digest and the CSV files read what was stored", async () => {
    const f = await apolloFixture(testStore(), "pg-report");
    for (const line of [
      "task add Write the runbook @carol due 2026-02-27",
      'cost add 1234.50 USD labour "Sprint 1, contractors" on 2026-02-01',
    ]) {
      expect((await f.pm.say(line)).ok, line).toBe(true);
    }
    const report = await f.pm.say("report");
    expect(report.text).toContain("Weekly status — Apollo");
    expect(report.text).toContain("⚠ #1 Write the runbook — @carol, due Fri 27 Feb 2026 (overdue by 3 days)");
    const exported = await f.pm.say("report export csv");
    expect(exported.reply.summary).toBe("Exported Apollo: 1 task, 1 cost, 0 risks, 0 KPIs");
    const files = exported.reply.blocks.filter((b): b is FileBlock => b.kind === "file");
    const costs = parse(new TextDecoder().decode(files.find((b) => b.name === "costs.csv")!.bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(costs).toEqual([
      expect.objectContaining({
        date: "2026-02-01",
        amount: "1234.50",
        currency: "USD",
        category: "labour",
        description: "Sprint 1, contractors",
      }),
    ]);
  });

  it("roles, charter and close-out: grants a role, saves the charter, closes the project", async () => {
    const f = await apolloFixture(testStore(), "pg-close");
    expect((await f.pm.say("project role @sam manager")).text).toContain("@sam is now a manager of Apollo (was no role).");
    const sam = await f.store.members.ensure(f.tenant, { platformUserId: "sam" });
    expect((await f.store.roles.list(f.tenant, f.project.id)).map((r) => [r.memberId, r.role])).toEqual([
      [f.project.managerId, "owner"],
      [sam.id, "manager"],
    ]);

    const charter = await f.pm.say('project charter objectives "Cut checkout time by 30%" scope "Web checkout"');
    expect(charter.text).toContain("Saved Apollo's charter as v1 (the first version)");
    expect((await f.store.charters.latest(f.tenant, f.project.id))!.content).toMatchObject({
      objectives: ["Cut checkout time by 30%"],
      scope: { in: ["Web checkout"] },
    });

    const closed = await submitForm(await f.at("2026-03-30T10:00:00Z").context(), "project close", {
      wentWell: "Weekly demos",
      didNotGoWell: "Vendor API came late",
      lessons: "Book vendors earlier",
    });
    expect(closed.ok, renderText(closed)).toBe(true);
    expect(renderText(closed)).toContain("Closed Apollo: it is archived and read-only now.");
    expect((await f.store.projects.get(f.tenant, f.project.id))!.status).toBe("closed");
    expect((await f.store.closeOuts.get(f.tenant, f.project.id))!.postMortem).toMatchObject({ lessons: ["Book vendors earlier"] });
  });
});
