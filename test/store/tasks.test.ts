import { afterAll, beforeAll, expect, it } from "vitest";
import type { Project } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

describeEachProvider("store tasks", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("numbers tasks per project from 1 and finds them by number", async () => {
    const a = await createProject(t.store, tenant);
    const b = await createProject(t.store, tenant);
    const first = await t.store.tasks.add(tenant.scope, a.id, { title: "Kick-off", estimateHours: 1.5, dueDate: "2026-02-01" });
    const second = await t.store.tasks.add(tenant.scope, a.id, { title: "Plan", assigneeId: tenant.manager.id });
    const other = await t.store.tasks.add(tenant.scope, b.id, { title: "Elsewhere" });
    expect([first.number, second.number, other.number]).toEqual([1, 2, 1]);
    expect(first).toEqual({
      id: expect.any(String),
      projectId: a.id,
      number: 1,
      title: "Kick-off",
      status: "todo",
      assigneeId: null,
      dueDate: "2026-02-01",
      estimateHours: 1.5,
      parentId: null,
      createdById: expect.any(String),
      createdAt: expect.any(Date),
      completedAt: null,
    });
    expect(await t.store.tasks.byNumber(tenant.tenantId, a.id, 2)).toEqual(second);
    expect(await t.store.tasks.byNumber(tenant.tenantId, a.id, 3)).toBeNull();
  });

  it("gives simultaneous adds distinct consecutive numbers", async () => {
    const project = await createProject(t.store, tenant);
    const tasks = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.store.tasks.add(tenant.scope, project.id, { title: `Task ${i}` })),
    );
    expect(tasks.map((task) => task.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await t.store.tasks.list(tenant.tenantId, project.id)).toHaveLength(12);
  });

  it("builds a work breakdown under a parent task of the same project", async () => {
    const project = await createProject(t.store, tenant);
    const parent = await t.store.tasks.add(tenant.scope, project.id, { title: "Epic" });
    const child = await t.store.tasks.add(tenant.scope, project.id, { title: "Story", parentId: parent.id });
    expect(child.parentId).toBe(parent.id);
    const elsewhere = await createProject(t.store, tenant);
    await expect(t.store.tasks.add(tenant.scope, elsewhere.id, { title: "Wrong parent", parentId: parent.id })).rejects.toMatchObject({
      reason: "not_found",
    });
    await expect(t.store.tasks.add(tenant.scope, project.id, { title: "Ghost owner", assigneeId: "nobody" })).rejects.toMatchObject({
      reason: "not_found",
    });
    expect(await t.store.tasks.list(tenant.tenantId, elsewhere.id)).toEqual([]);
  });

  it("filters by status, assignee and overdue date", async () => {
    const project: Project = await createProject(t.store, tenant);
    const me = tenant.manager.id;
    const colleague = await t.store.members.ensure(tenant.tenantId, { platformUserId: "U-colleague", name: "Colleague" });
    const add = (title: string, extra: object = {}) => t.store.tasks.add(tenant.scope, project.id, { title, ...extra });
    const late = await add("late", { dueDate: "2026-01-10", assigneeId: me });
    const lateDone = await add("late but done", { dueDate: "2026-01-11", assigneeId: me });
    const future = await add("future", { dueDate: "2026-03-01", assigneeId: colleague.id });
    const undated = await add("undated");
    await t.store.tasks.update(tenant.scope, lateDone.id, { status: "done" });
    await t.store.tasks.update(tenant.scope, future.id, { status: "in_progress" });

    const titles = async (filter?: Parameters<typeof t.store.tasks.list>[2]) =>
      (await t.store.tasks.list(tenant.tenantId, project.id, filter)).map((task) => task.title);
    expect(await titles()).toEqual(["late", "late but done", "future", "undated"]);
    expect(await titles({ status: ["todo", "in_progress"] })).toEqual(["late", "future", "undated"]);
    expect(await titles({ status: ["done"] })).toEqual(["late but done"]);
    expect(await titles({ assigneeId: me })).toEqual(["late", "late but done"]);
    expect(await titles({ dueBefore: "2026-02-01" })).toEqual(["late"]);
    expect(await titles({ dueBefore: "2026-12-31", assigneeId: colleague.id })).toEqual(["future"]);
    expect(await titles({ dueBefore: "2026-12-31", status: ["todo"] })).toEqual(["late"]);
    expect(late.number).toBe(1);
    expect(undated.dueDate).toBeNull();
  });

  it("updates a task, stamps completion and audits before and after", async () => {
    const project = await createProject(t.store, tenant);
    const task = await t.store.tasks.add(tenant.scope, project.id, { title: "Write spec" });
    const done = await t.store.tasks.update(tenant.scope, task.id, { status: "done", title: "Write the spec", estimateHours: 4 });
    expect(done).toMatchObject({ status: "done", title: "Write the spec", estimateHours: 4, number: task.number });
    expect(done.completedAt).toBeInstanceOf(Date);
    const reopened = await t.store.tasks.update(tenant.scope, task.id, {
      status: "todo",
      assigneeId: tenant.manager.id,
      dueDate: "2026-05-01",
    });
    expect(reopened).toMatchObject({ status: "todo", completedAt: null, assigneeId: tenant.manager.id, dueDate: "2026-05-01" });
    const cleared = await t.store.tasks.update(tenant.scope, task.id, { assigneeId: null, dueDate: null });
    expect(cleared).toMatchObject({ assigneeId: null, dueDate: null, title: "Write the spec" });

    const events = (await t.store.audit.list(tenant.tenantId, { projectId: project.id })).filter((e) => e.entity === "task");
    expect(events.map((e) => e.action)).toEqual(["task.update", "task.update", "task.update", "task.add"]);
    const completion = events[2]!;
    expect(completion).toMatchObject({
      entity: "task",
      entityId: task.id,
      before: { status: "todo", title: "Write spec", completedAt: null },
      after: { status: "done", title: "Write the spec", completedAt: done.completedAt!.toISOString() },
    });
    await expect(t.store.tasks.update(tenant.scope, "no-such-task", { status: "done" })).rejects.toMatchObject({ reason: "not_found" });
  });

  it("updates several tasks in one transaction: all of them or none", async () => {
    const project = await createProject(t.store, tenant);
    const a = await t.store.tasks.add(tenant.scope, project.id, { title: "A" });
    const b = await t.store.tasks.add(tenant.scope, project.id, { title: "B" });
    const both = await t.store.tasks.updateMany(tenant.scope, [a.id, b.id], { status: "done" });
    expect(both.map((x) => [x.title, x.status])).toEqual([
      ["A", "done"],
      ["B", "done"],
    ]);

    const other = await createTenant(t.store);
    const foreign = await t.store.tasks.add(other.scope, (await createProject(t.store, other)).id, { title: "Theirs" });
    await expect(t.store.tasks.updateMany(tenant.scope, [a.id, foreign.id], { status: "todo" })).rejects.toMatchObject({
      reason: "not_found",
    });
    expect((await t.store.tasks.byNumber(tenant.tenantId, project.id, a.number))?.status).toBe("done");
    expect((await t.store.tasks.byNumber(other.tenantId, foreign.projectId, foreign.number))?.status).toBe("todo");
  });
});
