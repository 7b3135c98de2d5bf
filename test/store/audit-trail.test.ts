/**
 * What each write of a project's records leaves in the audit log: one event
 * with its action, entity, record id and project, the record before (null for
 * a new one) and after (null once deleted), as the record reads. And what a
 * write of an id the tenant does not hold says.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditEvent, Project } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

/** A record as the audit log holds it: JSON, money as decimal strings, dates as ISO strings. */
const asAudited = (record: unknown): unknown =>
  JSON.parse(JSON.stringify(record, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));

describeEachProvider("audit trail of project records", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let project: Project;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
    other = await createTenant(t.store);
    project = await createProject(t.store, tenant);
  });
  afterAll(async () => t?.drop());

  /** Runs one write and returns what it returned and the one audit event it left. */
  async function audited<T>(write: () => Promise<T>): Promise<{ result: T; event: AuditEvent }> {
    const seen = new Set((await t.store.audit.list(tenant.tenantId, { limit: 10_000 })).map((e) => e.id));
    const result = await write();
    const fresh = (await t.store.audit.list(tenant.tenantId, { limit: 10_000 })).filter((e) => !seen.has(e.id));
    expect(fresh).toHaveLength(1);
    return { result, event: fresh[0]! };
  }

  function expectEvent(event: AuditEvent, action: string, entity: string, entityId: string, before: unknown, after: unknown): void {
    expect(event).toEqual({
      id: expect.any(String),
      tenantId: tenant.tenantId,
      projectId: project.id,
      actorId: tenant.manager.id,
      action,
      entity,
      entityId,
      before: before === null ? null : asAudited(before),
      after: after === null ? null : asAudited(after),
      at: expect.any(Date),
    });
  }

  it("audits tasks added and changed", async () => {
    const { scope } = tenant;
    const added = await audited(() => t.store.tasks.add(scope, project.id, { title: "Design", estimateHours: 4 }));
    expectEvent(added.event, "task.add", "task", added.result.id, null, added.result);
    expect(added.result.number).toBe(1);
    const updated = await audited(() => t.store.tasks.update(scope, added.result.id, { status: "done" }));
    expectEvent(updated.event, "task.update", "task", added.result.id, added.result, updated.result);
    expect(await t.store.tasks.byNumber(tenant.tenantId, project.id, 1)).toEqual(updated.result);
    expect(await t.store.tasks.byNumber(other.tenantId, project.id, 1)).toBeNull();
    await expect(t.store.tasks.update(other.scope, added.result.id, { title: "Hijacked" })).rejects.toThrow("Task was not found.");
  });

  it("audits risks added, updated and closed", async () => {
    const { scope } = tenant;
    const added = await audited(() => t.store.risks.add(scope, project.id, { title: "Vendor late", probability: 3, impact: 4 }));
    expectEvent(added.event, "risk.add", "risk", added.result.id, null, added.result);
    const updated = await audited(() => t.store.risks.update(scope, added.result.id, { mitigation: "Second vendor" }));
    expectEvent(updated.event, "risk.update", "risk", added.result.id, added.result, updated.result);
    const closed = await audited(() => t.store.risks.update(scope, added.result.id, { status: "closed" }));
    expectEvent(closed.event, "risk.close", "risk", added.result.id, updated.result, closed.result);
    expect(await t.store.risks.byNumber(tenant.tenantId, project.id, added.result.number)).toEqual(closed.result);
    await expect(t.store.risks.update(other.scope, added.result.id, { title: "Hijacked" })).rejects.toThrow("Risk was not found.");
  });

  it("audits milestones added and marked done", async () => {
    const { scope } = tenant;
    const added = await audited(() => t.store.milestones.add(scope, project.id, { name: "Alpha", dueDate: "2026-04-01" }));
    expectEvent(added.event, "milestone.add", "milestone", added.result.id, null, added.result);
    const done = await audited(() => t.store.milestones.markDone(scope, added.result.id, new Date("2026-03-30T12:00:00Z")));
    expectEvent(done.event, "milestone.done", "milestone", added.result.id, added.result, done.result);
    expect(await t.store.milestones.byNumber(tenant.tenantId, project.id, added.result.number)).toEqual(done.result);
    await expect(t.store.milestones.markDone(other.scope, added.result.id, new Date())).rejects.toThrow("Milestone was not found.");
  });

  it("audits costs added, changed and deleted", async () => {
    const { scope } = tenant;
    const input = { amount: 12_500n, currency: "EUR", category: "software" as const, incurredOn: "2026-03-02" };
    const added = await audited(() => t.store.costs.add(scope, project.id, input));
    expectEvent(added.event, "cost.add", "cost", added.result.id, null, added.result);
    const updated = await audited(() => t.store.costs.update(scope, added.result.id, { amount: 13_000n, note: "Annual" }));
    expectEvent(updated.event, "cost.update", "cost", added.result.id, added.result, updated.result);
    expect(await t.store.costs.byNumber(tenant.tenantId, project.id, added.result.number!)).toEqual(updated.result);
    await expect(t.store.costs.update(other.scope, added.result.id, { note: "Hijacked" })).rejects.toThrow("Cost was not found.");
    await expect(t.store.costs.remove(other.scope, added.result.id)).rejects.toThrow("Cost was not found.");
    const removed = await audited(() => t.store.costs.remove(scope, added.result.id));
    expectEvent(removed.event, "cost.delete", "cost", added.result.id, updated.result, null);
    expect(removed.result).toEqual(updated.result);
  });

  it("audits allocations and stakeholders set, new and replaced", async () => {
    const { scope } = tenant;
    const dev = await t.store.members.ensure(tenant.tenantId, { platformUserId: "U-audit-dev", name: "Dev" });
    const first = await audited(() => t.store.allocations.allocate(scope, project.id, { memberId: dev.id, percent: 50 }));
    expectEvent(first.event, "allocation.set", "allocation", first.result.id, null, first.result);
    const second = await audited(() => t.store.allocations.allocate(scope, project.id, { memberId: dev.id, percent: 70 }));
    expectEvent(second.event, "allocation.set", "allocation", first.result.id, first.result, second.result);

    const added = await audited(() => t.store.stakeholders.add(scope, project.id, { memberId: dev.id, role: "Sponsor" }));
    expectEvent(added.event, "stakeholder.add", "stakeholder", added.result.id, null, added.result);
    const approver = await audited(() => t.store.stakeholders.add(scope, project.id, { memberId: dev.id, approver: true }));
    expectEvent(approver.event, "stakeholder.add", "stakeholder", added.result.id, added.result, approver.result);

    await expect(t.store.allocations.allocate(other.scope, project.id, { memberId: dev.id, percent: 10 })).rejects.toThrow(
      "Project was not found.",
    );
    await expect(t.store.stakeholders.add(scope, project.id, { memberId: "ghost" })).rejects.toThrow("Member was not found.");
  });

  it("audits report and standup schedules set up, replaced and stopped", async () => {
    const { scope } = tenant;
    const weekly = { platform: "slack" as const, day: "fri" as const, time: "16:00", timeZone: "Europe/Berlin" };
    const report = await audited(() => t.store.reportSchedules.setup(scope, project.id, "C-audit", weekly));
    expectEvent(report.event, "report.schedule", "reportSchedule", report.result.id, null, report.result);
    const moved = await audited(() => t.store.reportSchedules.setup(scope, project.id, "C-audit", { ...weekly, day: "mon" }));
    expectEvent(moved.event, "report.schedule", "reportSchedule", report.result.id, report.result, moved.result);
    await expect(t.store.reportSchedules.stop(other.scope, report.result.id)).rejects.toThrow("Report schedule was not found.");
    const stopped = await audited(() => t.store.reportSchedules.stop(scope, report.result.id));
    expectEvent(stopped.event, "report.unschedule", "reportSchedule", report.result.id, moved.result, stopped.result);
    expect(stopped.result.active).toBe(false);

    const daily = {
      platform: "slack" as const,
      days: ["mon" as const, "tue" as const],
      time: "09:30",
      timeZone: "Europe/Berlin",
      participants: [],
    };
    const standup = await audited(() =>
      t.store.standups.setup(scope, project.id, "C-audit", { ...daily, activeFrom: new Date("2026-03-02T00:00:00Z") }),
    );
    expectEvent(standup.event, "standup.setup", "standupSchedule", standup.result.id, null, standup.result);
    const changed = await audited(() =>
      t.store.standups.setup(scope, project.id, "C-audit", { ...daily, time: "10:00", activeFrom: new Date("2026-03-09T00:00:00Z") }),
    );
    expectEvent(changed.event, "standup.setup", "standupSchedule", standup.result.id, standup.result, changed.result);
    // A running schedule keeps the day it started.
    expect(changed.result.activeFrom).toEqual(new Date("2026-03-02T00:00:00Z"));
    await expect(t.store.reportSchedules.setup(other.scope, project.id, "C-audit", weekly)).rejects.toThrow("Project was not found.");
  });
});
