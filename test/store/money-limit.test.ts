/**
 * The money limit in the store: a write that would take an amount or a
 * project's total to 10^15 minor units is refused inside its transaction
 * (nothing written, also when two writers race), and sums never overflow,
 * even over rows written before the limit existed. Real SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { decideChangeRequest } from "../../src/core/change-requests/decision.js";
import { MONEY_LIMIT } from "../../src/core/domain/money.js";
import { StoreConflict, type NewCost } from "../../src/core/store.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

const cost = (amount: bigint, more: Partial<NewCost> = {}): NewCost => ({
  amount,
  currency: "EUR",
  category: "other",
  note: null,
  incurredOn: "2026-02-01",
  ...more,
});

describeEachProvider("store money limit", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  const refusal = async (write: Promise<unknown>): Promise<StoreConflict> => {
    const error = await write.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreConflict);
    expect((error as StoreConflict).reason).toBe("limit");
    return error as StoreConflict;
  };
  const costCount = async (projectId: string) => (await t.store.costs.list(tenant.tenantId, projectId)).length;

  it("takes costs up to just under the limit and refuses the one that would reach it, writing nothing", async () => {
    const project = await createProject(t.store, tenant, "Ledger");
    await t.store.costs.add(tenant.scope, project.id, cost(MONEY_LIMIT - 2n));
    await t.store.costs.add(tenant.scope, project.id, cost(1n, { category: "travel" }));
    const totals = await t.store.costs.totals(tenant.tenantId, project.id);
    expect(totals.total).toBe(MONEY_LIMIT - 1n);
    expect(totals.byCategory).toEqual({ other: MONEY_LIMIT - 2n, travel: 1n });
    expect(totals.count).toBe(2);

    const error = await refusal(t.store.costs.add(tenant.scope, project.id, cost(1n)));
    expect(error.message).toBe(
      "That would bring Ledger's costs to €10,000,000,000,000.00; Charter keeps every amount and every project's totals below €10,000,000,000,000.00. Nothing was saved.",
    );
    expect(await costCount(project.id)).toBe(2);
    await refusal(t.store.costs.addMany(tenant.scope, project.id, [cost(1n, { note: "imported" })]));
    expect(await costCount(project.id)).toBe(2);
    expect(
      (await t.store.audit.list(tenant.tenantId, { projectId: project.id, limit: 100 })).filter((e) => e.action.startsWith("cost.")),
    ).toHaveLength(2);
  });

  it("refuses raising a cost past the limit, and lowering one is always allowed", async () => {
    const project = await createProject(t.store, tenant);
    const big = await t.store.costs.add(tenant.scope, project.id, cost(MONEY_LIMIT - 10n));
    const small = await t.store.costs.add(tenant.scope, project.id, cost(5n));
    await refusal(t.store.costs.update(tenant.scope, small.id, { amount: 10n }));
    expect((await t.store.costs.byNumber(tenant.tenantId, project.id, small.number!))!.amount).toBe(5n);
    expect((await t.store.costs.update(tenant.scope, big.id, { amount: 1n })).amount).toBe(1n);
    expect((await t.store.costs.update(tenant.scope, small.id, { amount: 9n })).amount).toBe(9n);
  });

  it("lets only one of two concurrent costs that together would reach the limit in", async () => {
    const project = await createProject(t.store, tenant);
    const half = MONEY_LIMIT / 2n + 1n;
    const results = await Promise.allSettled([
      t.store.costs.add(tenant.scope, project.id, cost(half)),
      t.store.costs.add(tenant.scope, project.id, cost(half)),
      t.store.costs.addMany(tenant.scope, project.id, [cost(half)]),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as StoreConflict).reason).toBe("limit");
    expect((await t.store.costs.totals(tenant.tenantId, project.id)).total).toBe(half);
  });

  it("refuses a budget, budget lines or an approved change that would reach the limit", async () => {
    const project = await createProject(t.store, tenant);
    await t.store.budgets.set(tenant.scope, project.id, {
      total: MONEY_LIMIT - 1n,
      lines: [{ category: "labour", amount: MONEY_LIMIT - 1n }],
    });
    await refusal(t.store.budgets.set(tenant.scope, project.id, { lines: [{ category: "travel", amount: 1n }] }));
    // Replacing the labour line is a new sum of the lines, not an addition.
    await t.store.budgets.set(tenant.scope, project.id, {
      lines: [
        { category: "labour", amount: 5n },
        { category: "travel", amount: 5n },
      ],
    });

    const change = await t.store.changes.add(tenant.scope, project.id, {
      title: "More",
      costImpact: 1n,
      at: new Date("2026-03-01T10:00:00Z"),
    });
    const booking = { change: { changeId: change.id, number: change.number }, category: "other" as const, amount: 1n };
    const decide = () =>
      decideChangeRequest(t.store, tenant.scope, project.id, change.number, { decision: "approve", at: new Date("2026-03-01T11:00:00Z") });
    await expect(decide()).rejects.toThrow(/That would bring .*'s budget to €10,000,000,000,000.00/);
    // Booked straight in the store, the total is refused there too.
    await refusal(t.store.budgets.addChange(tenant.scope, project.id, { ...booking, total: MONEY_LIMIT }));
    const budget = await t.store.budgets.get(tenant.tenantId, project.id);
    expect(budget.total).toBe(MONEY_LIMIT - 1n);
    expect(budget.changes).toEqual([]);
    expect((await t.store.changes.byNumber(tenant.tenantId, project.id, change.number))!.status).toBe("open");

    await t.store.budgets.set(tenant.scope, project.id, { total: MONEY_LIMIT - 2n });
    expect((await decide()).kind).toBe("settled");
    expect((await t.store.budgets.get(tenant.tenantId, project.id)).total).toBe(MONEY_LIMIT - 1n);
    // The baseline plus the approved change would reach it.
    await refusal(t.store.budgets.set(tenant.scope, project.id, { total: MONEY_LIMIT - 1n }));
  });

  it("sums rows written before the limit existed exactly, past 2^63, without an overflow", async () => {
    const project = await createProject(t.store, tenant);
    const huge = 10n ** 17n; // 1,000,000,000,000,000.00 USD, as typed before the limit
    await t.db.prisma.costEntry.createMany({
      data: Array.from({ length: 95 }, (_, i) => ({
        tenantId: tenant.tenantId,
        projectId: project.id,
        number: i + 1,
        amount: huge,
        currency: "EUR",
        category: i % 2 ? "other" : "labour",
        incurredOn: `2026-02-${String((i % 28) + 1).padStart(2, "0")}`,
        createdById: tenant.manager.id,
      })),
    });
    const totals = await t.store.costs.totals(tenant.tenantId, project.id);
    expect(totals.total).toBe(95n * huge);
    expect(totals.total > 2n ** 63n).toBe(true);
    expect(totals.byCategory).toEqual({ labour: 48n * huge, other: 47n * huge });
    expect([totals.count, totals.firstOn, totals.lastOn]).toEqual([95, "2026-02-01", "2026-02-28"]);
    // Such a project takes no more costs.
    await refusal(t.store.costs.add(tenant.scope, project.id, cost(1n)));
  });
});
