import { afterAll, beforeAll, expect, it } from "vitest";
import type { CostEntry, Kpi, Milestone, Project, Risk, Task } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createTenant, type TenantFixture } from "./fixtures.js";

/** Tenant B knows every id of tenant A and tries to use them. */
describeEachProvider("store tenant isolation", (provider) => {
  let t: TestDatabase;
  let a: TenantFixture;
  let b: TenantFixture;
  let project: Project;
  let ownProject: Project;
  let task: Task;
  let risk: Risk;
  let milestone: Milestone;
  let kpi: Kpi;
  let cost: CostEntry;
  const channelId = "C-shared-name";

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    a = await createTenant(t.store, "T-A");
    b = await createTenant(t.store, "T-B");
    project = await t.store.projects.create(a.scope, { name: "Secret", currency: "EUR", budgetTotal: 10_000n, linkChannelId: channelId });
    task = await t.store.tasks.add(a.scope, project.id, { title: "Secret task", assigneeId: a.manager.id, dueDate: "2026-01-01" });
    risk = await t.store.risks.add(a.scope, project.id, { title: "Secret risk", probability: 2, impact: 2 });
    milestone = await t.store.milestones.add(a.scope, project.id, { name: "Secret milestone", dueDate: "2026-02-01" });
    kpi = await t.store.kpis.add(a.scope, project.id, { name: "Secret KPI", target: 1, direction: "higher" });
    await t.store.kpis.record(a.scope, kpi.id, 1, new Date("2026-01-01T00:00:00Z"));
    cost = await t.store.costs.add(a.scope, project.id, { amount: 700n, currency: "EUR", category: "labour", incurredOn: "2026-01-02" });
    await t.store.budgets.set(a.scope, project.id, { lines: [{ category: "labour", amount: 5_000n }] });
    await t.store.allocations.allocate(a.scope, project.id, { memberId: a.manager.id, percent: 60 });
    await t.store.stakeholders.add(a.scope, project.id, { memberId: a.manager.id, role: "Owner" });
    ownProject = await t.store.projects.create(b.scope, { name: "Own", currency: "EUR" });
  });
  afterAll(async () => t?.drop());

  it("cannot read or list tenant A's projects", async () => {
    expect(await t.store.projects.get(b.tenantId, project.id)).toBeNull();
    expect(await t.store.projects.findByName(b.tenantId, "Secret")).toBeNull();
    expect((await t.store.projects.list(b.tenantId)).map((p) => p.id)).toEqual([ownProject.id]);
    expect(await t.store.projects.forChannel(b.tenantId, channelId)).toBeNull();
    expect((await t.store.projects.forChannel(a.tenantId, channelId))?.id).toBe(project.id);
  });

  it("cannot read tenant A's project contents", async () => {
    expect(await t.store.tasks.list(b.tenantId, project.id)).toEqual([]);
    expect(await t.store.tasks.byNumber(b.tenantId, project.id, task.number)).toBeNull();
    expect(await t.store.risks.list(b.tenantId, project.id)).toEqual([]);
    expect(await t.store.risks.byNumber(b.tenantId, project.id, risk.number)).toBeNull();
    expect(await t.store.milestones.list(b.tenantId, project.id)).toEqual([]);
    expect(await t.store.milestones.byNumber(b.tenantId, project.id, milestone.number)).toBeNull();
    expect(await t.store.kpis.list(b.tenantId, project.id, 5)).toEqual([]);
    expect(await t.store.kpis.findByName(b.tenantId, project.id, "Secret KPI")).toBeNull();
    expect(await t.store.costs.list(b.tenantId, project.id)).toEqual([]);
    expect(await t.store.costs.totals(b.tenantId, project.id)).toEqual({
      total: 0n,
      count: 0,
      byCategory: {},
      firstOn: null,
      lastOn: null,
    });
    await expect(t.store.budgets.get(b.tenantId, project.id)).rejects.toMatchObject({ reason: "not_found" });
    expect(await t.store.allocations.list(b.tenantId, project.id)).toEqual([]);
    expect(await t.store.allocations.forMember(b.tenantId, a.manager.id)).toEqual([]);
    expect(await t.store.stakeholders.list(b.tenantId, project.id)).toEqual([]);
    expect(await t.store.members.get(b.tenantId, a.manager.id)).toBeNull();
    expect(await t.store.members.getMany(b.tenantId, [a.manager.id])).toEqual([]);
    const audit = await t.store.audit.list(b.tenantId);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.tenantId === b.tenantId)).toBe(true);
    expect(await t.store.audit.list(b.tenantId, { projectId: project.id })).toEqual([]);
  });

  it("cannot change tenant A's records by id", async () => {
    const notFound = { reason: "not_found" };
    await expect(t.store.tasks.update(b.scope, task.id, { status: "done", title: "Hacked" })).rejects.toMatchObject(notFound);
    await expect(t.store.risks.update(b.scope, risk.id, { status: "closed" })).rejects.toMatchObject(notFound);
    await expect(t.store.milestones.markDone(b.scope, milestone.id, new Date())).rejects.toMatchObject(notFound);
    await expect(t.store.kpis.record(b.scope, kpi.id, 99, new Date())).rejects.toMatchObject(notFound);
    await expect(t.store.budgets.set(b.scope, project.id, { total: 1n })).rejects.toMatchObject(notFound);
    await expect(
      t.store.costs.add(b.scope, project.id, { amount: 1n, currency: "EUR", category: "other", incurredOn: "2026-01-01" }),
    ).rejects.toMatchObject(notFound);
    await expect(t.store.tasks.add(b.scope, project.id, { title: "Injected" })).rejects.toMatchObject(notFound);
    await expect(t.store.risks.add(b.scope, project.id, { title: "Injected", probability: 1, impact: 1 })).rejects.toMatchObject(notFound);
    await expect(t.store.milestones.add(b.scope, project.id, { name: "Injected", dueDate: "2026-01-01" })).rejects.toMatchObject(notFound);
    await expect(t.store.kpis.add(b.scope, project.id, { name: "Injected", target: 1, direction: "lower" })).rejects.toMatchObject(
      notFound,
    );
    await expect(t.store.allocations.allocate(b.scope, project.id, { memberId: b.manager.id, percent: 10 })).rejects.toMatchObject(
      notFound,
    );
    await expect(t.store.stakeholders.add(b.scope, project.id, { memberId: b.manager.id })).rejects.toMatchObject(notFound);
    await expect(t.store.stakeholders.remove(b.scope, project.id, a.manager.id)).rejects.toMatchObject(notFound);

    // Everything of A is as it was.
    expect(await t.store.tasks.byNumber(a.tenantId, project.id, task.number)).toEqual(task);
    expect(await t.store.risks.byNumber(a.tenantId, project.id, risk.number)).toEqual(risk);
    expect(await t.store.milestones.byNumber(a.tenantId, project.id, milestone.number)).toEqual(milestone);
    expect((await t.store.kpis.list(a.tenantId, project.id, 5))[0]?.readings).toHaveLength(1);
    expect(await t.store.costs.list(a.tenantId, project.id)).toEqual([cost]);
    expect((await t.store.budgets.get(a.tenantId, project.id)).total).toBe(10_000n);
    expect(await t.store.stakeholders.list(a.tenantId, project.id)).toHaveLength(1);
  });

  it("cannot link tenant A's projects, tasks or members into its own data", async () => {
    const notFound = { reason: "not_found" };
    await expect(t.store.projects.linkChannel(b.scope, project.id, "C-b")).rejects.toMatchObject(notFound);
    expect(await t.store.projects.forChannel(b.tenantId, "C-b")).toBeNull();
    await expect(t.store.tasks.add(b.scope, ownProject.id, { title: "Child", parentId: task.id })).rejects.toMatchObject(notFound);
    await expect(t.store.tasks.add(b.scope, ownProject.id, { title: "Assigned", assigneeId: a.manager.id })).rejects.toMatchObject(
      notFound,
    );
    await expect(
      t.store.risks.add(b.scope, ownProject.id, { title: "Owned", probability: 1, impact: 1, ownerId: a.manager.id }),
    ).rejects.toMatchObject(notFound);
    await expect(t.store.allocations.allocate(b.scope, ownProject.id, { memberId: a.manager.id, percent: 10 })).rejects.toMatchObject(
      notFound,
    );
    await expect(t.store.stakeholders.add(b.scope, ownProject.id, { memberId: a.manager.id })).rejects.toMatchObject(notFound);
    const own = await t.store.tasks.add(b.scope, ownProject.id, { title: "Own task" });
    await expect(t.store.tasks.update(b.scope, own.id, { assigneeId: a.manager.id })).rejects.toMatchObject(notFound);
    expect(await t.store.tasks.list(b.tenantId, ownProject.id)).toEqual([own]);
    // A channel id used by both workspaces stays separate.
    await t.store.projects.linkChannel(b.scope, ownProject.id, channelId);
    expect((await t.store.projects.forChannel(b.tenantId, channelId))?.id).toBe(ownProject.id);
    expect((await t.store.projects.forChannel(a.tenantId, channelId))?.id).toBe(project.id);
  });
});
