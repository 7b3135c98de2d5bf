import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

describeEachProvider("store allocations and stakeholders", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("allocates a member, replaces the allocation and lists it per project and per member", async () => {
    const web = await createProject(t.store, tenant);
    const app = await createProject(t.store, tenant);
    const dev = await t.store.members.ensure(tenant.tenantId, { platformUserId: "U-dev", name: "Dev" });
    const first = await t.store.allocations.allocate(tenant.scope, web.id, { memberId: dev.id, percent: 50, fromDate: "2026-01-01" });
    expect(first).toEqual({
      id: expect.any(String),
      projectId: web.id,
      memberId: dev.id,
      percent: 50,
      fromDate: "2026-01-01",
      toDate: null,
    });
    const replaced = await t.store.allocations.allocate(tenant.scope, web.id, { memberId: dev.id, percent: 80, toDate: "2026-03-31" });
    expect(replaced).toEqual({ ...first, percent: 80, fromDate: null, toDate: "2026-03-31" });
    await t.store.allocations.allocate(tenant.scope, app.id, { memberId: dev.id, percent: 40 });
    await t.store.allocations.allocate(tenant.scope, web.id, { memberId: tenant.manager.id, percent: 20 });

    expect((await t.store.allocations.list(tenant.tenantId, web.id)).map((a) => [a.memberId, a.percent])).toEqual([
      [dev.id, 80],
      [tenant.manager.id, 20],
    ]);
    const mine = await t.store.allocations.forMember(tenant.tenantId, dev.id);
    expect(mine.map((a) => a.percent).reduce((a, b) => a + b, 0)).toBe(120);

    const [event] = (await t.store.audit.list(tenant.tenantId, { projectId: web.id })).filter((e) => e.entityId === first.id);
    expect(event).toMatchObject({ action: "allocation.set", before: { percent: 50 }, after: { percent: 80 } });
    await expect(t.store.allocations.allocate(tenant.scope, web.id, { memberId: "ghost", percent: 10 })).rejects.toMatchObject({
      reason: "not_found",
    });
  });

  it("adds, updates, lists and removes stakeholders", async () => {
    const project = await createProject(t.store, tenant);
    const sponsor = await t.store.members.ensure(tenant.tenantId, { platformUserId: "U-sponsor", name: "Sponsor" });
    const added = await t.store.stakeholders.add(tenant.scope, project.id, { memberId: sponsor.id, role: "Sponsor" });
    expect(added).toEqual({ id: expect.any(String), projectId: project.id, memberId: sponsor.id, role: "Sponsor", approver: false });
    const approver = await t.store.stakeholders.add(tenant.scope, project.id, { memberId: sponsor.id, approver: true });
    expect(approver).toEqual({ ...added, approver: true });
    expect(await t.store.stakeholders.list(tenant.tenantId, project.id)).toEqual([approver]);

    expect(await t.store.stakeholders.remove(tenant.scope, project.id, sponsor.id)).toBe(true);
    expect(await t.store.stakeholders.remove(tenant.scope, project.id, sponsor.id)).toBe(false);
    expect(await t.store.stakeholders.list(tenant.tenantId, project.id)).toEqual([]);
    const actions = (await t.store.audit.list(tenant.tenantId, { projectId: project.id })).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["stakeholder.remove", "stakeholder.add", "stakeholder.add"]);
  });
});
