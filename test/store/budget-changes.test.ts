import { afterAll, beforeAll, expect, it } from "vitest";
import { StoreConflict, type Project } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createTenant, unique, type TenantFixture } from "./fixtures.js";
import { decideChangeRequest } from "../../src/core/change-requests/decision.js";

const at = new Date("2026-06-01T10:00:00Z");

describeEachProvider("store budget baseline and approved changes", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  /** A 10,000.00 EUR project (baseline lines for labour and software). */
  async function budgeted(): Promise<Project> {
    const project = await t.store.projects.create(tenant.scope, { name: unique("Budgeted"), currency: "EUR", budgetTotal: 1_000_000n });
    await t.store.budgets.set(tenant.scope, project.id, {
      lines: [
        { category: "labour", amount: 700_000n },
        { category: "software", amount: 300_000n },
      ],
    });
    return project;
  }

  async function approved(project: Project, title: string, costImpact: bigint) {
    const change = await t.store.changes.add(tenant.scope, project.id, { title, costImpact, at });
    const decided = await decideChangeRequest(t.store, tenant.scope, change.projectId, change.number, { decision: "approve", at });
    expect(decided.kind).toBe("settled");
    return change;
  }

  it("reads approved changes beside the baseline, with their request numbers, and derives the baseline from the total", async () => {
    const project = await budgeted();
    const sso = await approved(project, "Single sign-on", 200_000n);
    // Open and rejected requests add nothing.
    await t.store.changes.add(tenant.scope, project.id, { title: "Still open", costImpact: 50_000n, at });
    const rejected = await t.store.changes.add(tenant.scope, project.id, { title: "Native app", costImpact: 900_000n, at });
    await decideChangeRequest(t.store, tenant.scope, rejected.projectId, rejected.number, { decision: "reject", at });
    const audit = await approved(project, "Audit logging", 50_050n);

    const budget = await t.store.budgets.get(tenant.tenantId, project.id);
    expect(budget).toEqual({
      total: 1_250_050n,
      baseline: 1_000_000n,
      currency: "EUR",
      contingencyPct: 0,
      lines: [
        { category: "labour", amount: 700_000n },
        { category: "software", amount: 300_000n },
      ],
      changes: [
        { changeId: sso.id, number: 1, category: expect.any(String), amount: 200_000n },
        { changeId: audit.id, number: 4, category: expect.any(String), amount: 50_050n },
      ],
    });
  });

  it("sets the baseline with `set`: the approved changes stay on top, so the current plan is the baseline plus them", async () => {
    const project = await budgeted();
    await approved(project, "Single sign-on", 200_000n);

    const set = await t.store.budgets.set(tenant.scope, project.id, { total: 900_000n });
    expect(set).toMatchObject({ baseline: 900_000n, total: 1_100_000n, changes: [{ number: 1, amount: 200_000n }] });
    expect((await t.store.projects.get(tenant.tenantId, project.id))?.budgetTotal).toBe(1_100_000n);
    expect(await t.store.budgets.get(tenant.tenantId, project.id)).toEqual(set);

    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: project.id, limit: 1 });
    expect(event).toMatchObject({
      action: "budget.set",
      before: { baseline: "1000000", total: "1200000" },
      after: { baseline: "900000", total: "1100000" },
    });

    // Changing only the lines or the contingency leaves both layers alone.
    expect(await t.store.budgets.set(tenant.scope, project.id, { contingencyPct: 5 })).toMatchObject({
      baseline: 900_000n,
      total: 1_100_000n,
    });
  });

  it("keeps the currency of a budget that holds approved changes", async () => {
    const project = await t.store.projects.create(tenant.scope, { name: unique("Currency"), currency: "EUR", budgetTotal: 100_000n });
    await approved(project, "More licences", 10_000n);
    const refused = t.store.budgets.set(tenant.scope, project.id, { total: 100_000n, currency: "USD" });
    await expect(refused).rejects.toBeInstanceOf(StoreConflict);
    await expect(refused).rejects.toThrow("approved changes in EUR");
    await expect(refused).rejects.toMatchObject({ reason: "currency-mismatch" });
    expect((await t.store.projects.get(tenant.tenantId, project.id))?.currency).toBe("EUR");
  });

  it("keeps current plan = baseline + approved changes when a baseline is set while requests are approved", async () => {
    const project = await budgeted();
    const requests = await Promise.all(
      [1, 2, 3, 4].map((n) => t.store.changes.add(tenant.scope, project.id, { title: `Change ${n}`, costImpact: BigInt(n) * 1_000n, at })),
    );
    await Promise.all([
      ...requests.map((r) => decideChangeRequest(t.store, tenant.scope, r.projectId, r.number, { decision: "approve", at })),
      t.store.budgets.set(tenant.scope, project.id, { total: 2_000_000n }),
      t.store.budgets.set(tenant.scope, project.id, { total: 2_000_000n }),
    ]);
    const budget = await t.store.budgets.get(tenant.tenantId, project.id);
    expect(budget.changes.map((c) => c.amount).sort((a, b) => Number(a - b))).toEqual([1_000n, 2_000n, 3_000n, 4_000n]);
    expect(budget.baseline).toBe(2_000_000n);
    expect(budget.total).toBe(2_010_000n);
  });

  it("isolates tenants: another tenant reads no budget of the project", async () => {
    const project = await budgeted();
    const other = await createTenant(t.store);
    await expect(t.store.budgets.get(other.tenantId, project.id)).rejects.toMatchObject({ reason: "not_found" });
    await expect(t.store.budgets.set(other.scope, project.id, { total: 1n })).rejects.toMatchObject({ reason: "not_found" });
  });
});
