import { afterAll, beforeAll, expect, it } from "vitest";
import type { ImportedCost } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

const cost = (n: number, more: Partial<ImportedCost> = {}): ImportedCost => ({
  amount: BigInt(n),
  currency: "EUR",
  category: "software",
  note: `row ${n}`,
  incurredOn: "2026-02-01",
  ...more,
});

describeEachProvider("store costs.addMany", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  const importEvents = async (projectId: string) =>
    (await t.store.audit.list(tenant.tenantId, { projectId, limit: 100_000 })).filter((e) => e.action === "cost.import");

  it("adds every cost in the order given, each with a cost.import audit event under the actor", async () => {
    const project = await createProject(t.store, tenant);
    const { added, existing } = await t.store.costs.addMany(tenant.scope, project.id, [
      cost(1),
      cost(2),
      cost(3, { note: null, category: "travel" }),
    ]);
    expect(existing).toEqual([]);
    expect(added.map((c) => c.note)).toEqual(["row 1", "row 2", null]);
    expect(added.every((c) => c.createdById === tenant.manager.id && c.projectId === project.id)).toBe(true);
    // Same date and the same logging time: they list in file order (newest first = reversed).
    expect((await t.store.costs.list(tenant.tenantId, project.id)).map((c) => c.note)).toEqual([null, "row 2", "row 1"]);
    const events = await importEvents(project.id);
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.entity === "cost" && e.actorId === tenant.manager.id)).toBe(true);
    expect(events.map((e) => e.entityId).sort()).toEqual(added.map((c) => c.id).sort());
    expect(events.find((e) => e.entityId === added[0]!.id)!.after).toMatchObject({ amount: "1", note: "row 1" });
  });

  it("leaves out rows whose id is already a cost of this project, and copies rows with another project's id", async () => {
    const a = await createProject(t.store, tenant);
    const b = await createProject(t.store, tenant);
    const first = await t.store.costs.add(tenant.scope, a.id, cost(100));
    const again = await t.store.costs.addMany(tenant.scope, a.id, [cost(100, { id: first.id }), cost(5, { id: "from-elsewhere" })]);
    expect(again.existing).toEqual([first.id]);
    expect(again.added).toHaveLength(1);
    expect(again.added[0]!.id).not.toBe("from-elsewhere");
    expect(await t.store.costs.list(tenant.tenantId, a.id)).toHaveLength(2);

    const copied = await t.store.costs.addMany(tenant.scope, b.id, [cost(100, { id: first.id })]);
    expect(copied.existing).toEqual([]);
    expect(copied.added[0]!.id).not.toBe(first.id);
    expect((await t.store.costs.list(tenant.tenantId, a.id)).map((c) => c.id)).toContain(first.id);
  });

  it("keeps who logged it and when: known members by platform id, unknown ones created in the tenant", async () => {
    const project = await createProject(t.store, tenant);
    const known = await t.store.members.ensure(tenant.tenantId, { platformUserId: "U-KNOWN", name: "Known Person" });
    const at = new Date("2025-12-24T09:30:15.123Z");
    const { added } = await t.store.costs.addMany(tenant.scope, project.id, [
      cost(1, { loggedBy: { platformUserId: "U-KNOWN", name: "Another Name" }, loggedAt: at }),
      cost(2, { loggedBy: { platformUserId: "U-NEW", name: "New Person" } }),
      cost(3, { loggedBy: { platformUserId: "U-NEW", name: "New Person" } }),
      cost(4),
    ]);
    expect(added[0]).toMatchObject({ createdById: known.id, createdAt: at });
    const created = await t.store.members.ensure(tenant.tenantId, { platformUserId: "U-NEW" });
    expect(created.name).toBe("New Person");
    expect(added[1]!.createdById).toBe(created.id);
    expect(added[2]!.createdById).toBe(created.id);
    expect(added[3]!.createdById).toBe(tenant.manager.id);
    // An import never renames someone the workspace knows.
    expect((await t.store.members.get(tenant.tenantId, known.id))!.name).toBe("Known Person");
    const stored = await t.store.costs.list(tenant.tenantId, project.id);
    expect(stored.find((c) => c.id === added[0]!.id)!.createdAt).toEqual(at);
  });

  it("writes nothing when any row fails, even after earlier batches went in", async () => {
    const project = await createProject(t.store, tenant);
    const rows = Array.from({ length: 1_200 }, (_, i) => cost(i + 1));
    // Beyond a 64-bit integer: the database refuses it in the third batch.
    rows[1_100] = cost(1, { amount: 2n ** 70n });
    await expect(t.store.costs.addMany(tenant.scope, project.id, rows)).rejects.toThrow();
    expect(await t.store.costs.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await importEvents(project.id)).toEqual([]);
    expect((await t.store.costs.totals(tenant.tenantId, project.id)).count).toBe(0);
  });

  it("refuses another tenant's project and writes nothing", async () => {
    const other = await createTenant(t.store);
    const theirs = await createProject(t.store, other);
    await expect(t.store.costs.addMany(tenant.scope, theirs.id, [cost(1)])).rejects.toMatchObject({ reason: "not_found" });
    expect(await t.store.costs.list(other.tenantId, theirs.id)).toEqual([]);
  });

  it("adds 5,000 costs in one transaction quickly", async () => {
    const project = await createProject(t.store, tenant);
    const rows = Array.from({ length: 5_000 }, (_, i) => cost(i + 1, { note: `n${i}`, loggedBy: { platformUserId: `U-${i % 7}` } }));
    const started = performance.now();
    const { added } = await t.store.costs.addMany(tenant.scope, project.id, rows);
    const took = performance.now() - started;
    expect(added).toHaveLength(5_000);
    expect(took).toBeLessThan(15_000);
    const totals = await t.store.costs.totals(tenant.tenantId, project.id);
    expect(totals.count).toBe(5_000);
    expect(totals.total).toBe(BigInt((5_000 * 5_001) / 2));
    expect(await importEvents(project.id)).toHaveLength(5_000);
  });

  it("adds nothing and fails nothing for no rows", async () => {
    const project = await createProject(t.store, tenant);
    expect(await t.store.costs.addMany(tenant.scope, project.id, [])).toEqual({ added: [], existing: [] });
  });
});
