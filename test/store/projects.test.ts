import { afterAll, beforeAll, expect, it } from "vitest";
import { StoreConflict } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createTenant, unique, type TenantFixture } from "./fixtures.js";

describeEachProvider("store projects", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("creates a project with its budget, dates and channel link, and audits it", async () => {
    const channelId = unique("C");
    const project = await t.store.projects.create(tenant.scope, {
      name: "  Website Relaunch ",
      currency: "EUR",
      budgetTotal: 999_999_999_999_999n,
      startDate: "2026-01-05",
      endDate: "2026-06-30",
      linkChannelId: channelId,
    });
    expect(project).toEqual({
      id: expect.any(String),
      tenantId: tenant.tenantId,
      name: "Website Relaunch",
      currency: "EUR",
      budgetTotal: 999_999_999_999_999n,
      contingencyPct: 0,
      startDate: "2026-01-05",
      endDate: "2026-06-30",
      status: "active",
      managerId: tenant.manager.id,
      alertChannelId: null,
      changePolicy: "any",
      createdAt: expect.any(Date),
    });
    expect(await t.store.projects.get(tenant.tenantId, project.id)).toEqual(project);
    expect(await t.store.projects.findByName(tenant.tenantId, "website RELAUNCH")).toEqual(project);
    expect(await t.store.projects.forChannel(tenant.tenantId, channelId)).toEqual(project);

    const events = await t.store.audit.list(tenant.tenantId, { projectId: project.id });
    expect(events.map((e) => e.action).sort()).toEqual(["project.create", "project.link"]);
    const created = events.find((e) => e.action === "project.create")!;
    expect(created).toMatchObject({ entity: "project", entityId: project.id, actorId: tenant.manager.id, before: null });
    expect(created.after).toMatchObject({ name: "Website Relaunch", budgetTotal: "999999999999999" });
  });

  it("refuses a second project with the same name in any letter case", async () => {
    await t.store.projects.create(tenant.scope, { name: "Apollo", currency: "USD" });
    const attempt = t.store.projects.create(tenant.scope, { name: "APOLLO", currency: "USD" });
    await expect(attempt).rejects.toBeInstanceOf(StoreConflict);
    await expect(attempt).rejects.toMatchObject({ reason: "duplicate", message: expect.stringContaining('"APOLLO" already exists') });
    const other = await createTenant(t.store);
    await expect(t.store.projects.create(other.scope, { name: "apollo", currency: "USD" })).resolves.toMatchObject({ name: "apollo" });
  });

  it("lets exactly one of two simultaneous creates of a name win", async () => {
    const owner = await createTenant(t.store);
    const results = await Promise.allSettled([
      t.store.projects.create(owner.scope, { name: "Gemini", currency: "EUR" }),
      t.store.projects.create(owner.scope, { name: "gemini", currency: "EUR" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ reason: "duplicate" });
    expect(await t.store.projects.list(owner.tenantId)).toHaveLength(1);
  });

  it("lists the tenant's projects by name", async () => {
    const owner = await createTenant(t.store);
    for (const name of ["zeta", "Alpha", "mike"]) await t.store.projects.create(owner.scope, { name, currency: "EUR" });
    expect((await t.store.projects.list(owner.tenantId)).map((p) => p.name)).toEqual(["Alpha", "mike", "zeta"]);
  });

  it("links and re-links a channel, auditing the move", async () => {
    const owner = await createTenant(t.store);
    const first = await t.store.projects.create(owner.scope, { name: "First", currency: "EUR" });
    const second = await t.store.projects.create(owner.scope, { name: "Second", currency: "EUR" });
    expect(await t.store.projects.forChannel(owner.tenantId, "C-general")).toBeNull();
    await t.store.projects.linkChannel(owner.scope, first.id, "C-general");
    expect((await t.store.projects.forChannel(owner.tenantId, "C-general"))?.id).toBe(first.id);
    await t.store.projects.linkChannel(owner.scope, second.id, "C-general");
    expect((await t.store.projects.forChannel(owner.tenantId, "C-general"))?.id).toBe(second.id);

    const [relink] = await t.store.audit.list(owner.tenantId, { projectId: second.id, limit: 1 });
    expect(relink).toMatchObject({
      action: "project.link",
      entityId: "C-general",
      before: { channelId: "C-general", projectId: first.id },
      after: { channelId: "C-general", projectId: second.id },
    });
    await expect(t.store.projects.linkChannel(owner.scope, "no-such-project", "C-x")).rejects.toMatchObject({ reason: "not_found" });
  });
});
