import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

describeEachProvider("store risks and milestones", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("adds numbered risks, also when added at the same moment", async () => {
    const project = await createProject(t.store, tenant);
    const first = await t.store.risks.add(tenant.scope, project.id, {
      title: "Vendor late",
      probability: 4,
      impact: 5,
      ownerId: tenant.manager.id,
      mitigation: "Second vendor",
      reviewDate: "2026-04-01",
    });
    expect(first).toEqual({
      id: expect.any(String),
      projectId: project.id,
      number: 1,
      title: "Vendor late",
      probability: 4,
      impact: 5,
      ownerId: tenant.manager.id,
      mitigation: "Second vendor",
      reviewDate: "2026-04-01",
      status: "open",
      createdAt: expect.any(Date),
      closedAt: null,
    });
    const more = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.store.risks.add(tenant.scope, project.id, { title: `Risk ${i}`, probability: 1, impact: 1 })),
    );
    expect(more.map((r) => r.number).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await t.store.risks.byNumber(tenant.tenantId, project.id, 1)).toEqual(first);
    expect(await t.store.risks.byNumber(tenant.tenantId, project.id, 99)).toBeNull();
  });

  it("updates, closes and reopens a risk, auditing each change", async () => {
    const project = await createProject(t.store, tenant);
    const risk = await t.store.risks.add(tenant.scope, project.id, { title: "Scope creep", probability: 3, impact: 3 });
    const raised = await t.store.risks.update(tenant.scope, risk.id, { probability: 5, mitigation: "Change board" });
    expect(raised).toMatchObject({ probability: 5, impact: 3, mitigation: "Change board", status: "open" });
    const closed = await t.store.risks.update(tenant.scope, risk.id, { status: "closed" });
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await t.store.risks.list(tenant.tenantId, project.id, { status: "open" })).toEqual([]);
    expect(await t.store.risks.list(tenant.tenantId, project.id, { status: "closed" })).toEqual([closed]);
    const reopened = await t.store.risks.update(tenant.scope, risk.id, { status: "open" });
    expect(reopened).toMatchObject({ status: "open", closedAt: null });
    expect(await t.store.risks.list(tenant.tenantId, project.id)).toEqual([reopened]);

    const events = (await t.store.audit.list(tenant.tenantId, { projectId: project.id })).filter((e) => e.entity === "risk");
    expect(events.map((e) => e.action)).toEqual(["risk.update", "risk.close", "risk.update", "risk.add"]);
    expect(events[1]).toMatchObject({ before: { status: "open", probability: 5 }, after: { status: "closed" } });
    await expect(t.store.risks.update(tenant.scope, "nope", { impact: 1 })).rejects.toMatchObject({ reason: "not_found" });
  });

  it("adds milestones with numbers, lists them by date and marks them done", async () => {
    const project = await createProject(t.store, tenant);
    const beta = await t.store.milestones.add(tenant.scope, project.id, { name: "Beta", dueDate: "2026-06-01" });
    const alpha = await t.store.milestones.add(tenant.scope, project.id, { name: "Alpha", dueDate: "2026-03-01" });
    expect(beta).toEqual({ id: expect.any(String), projectId: project.id, number: 1, name: "Beta", dueDate: "2026-06-01", doneAt: null });
    expect(alpha.number).toBe(2);
    expect((await t.store.milestones.list(tenant.tenantId, project.id)).map((m) => m.name)).toEqual(["Alpha", "Beta"]);

    const at = new Date("2026-03-02T10:30:00.000Z");
    const done = await t.store.milestones.markDone(tenant.scope, alpha.id, at);
    expect(done).toEqual({ ...alpha, doneAt: at });
    expect(await t.store.milestones.byNumber(tenant.tenantId, project.id, 2)).toEqual(done);
    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: project.id, limit: 1 });
    expect(event).toMatchObject({
      action: "milestone.done",
      entityId: alpha.id,
      before: { doneAt: null },
      after: { doneAt: at.toISOString() },
    });

    const simultaneous = await Promise.all(
      ["M1", "M2", "M3", "M4"].map((name) => t.store.milestones.add(tenant.scope, project.id, { name, dueDate: "2026-09-01" })),
    );
    expect(simultaneous.map((m) => m.number).sort()).toEqual([3, 4, 5, 6]);
    await expect(t.store.milestones.markDone(tenant.scope, "nope", at)).rejects.toMatchObject({ reason: "not_found" });
  });
});
