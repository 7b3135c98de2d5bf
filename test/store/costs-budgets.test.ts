import { afterAll, beforeAll, expect, it } from "vitest";
import { MONEY_LIMIT } from "../../src/core/domain/money.js";
import { StoreConflict } from "../../src/core/store.js";
import type { Client } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

/** The largest amount and total the money limit allows (10^15 - 1 minor units). */
const LARGEST = MONEY_LIMIT - 1n;

describeEachProvider("store costs and budgets", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("keeps money exact as bigint minor units", async () => {
    const project = await createProject(t.store, tenant);
    const amounts = [LARGEST - 1_000n, 1n, 999n, 0n];
    for (const amount of amounts) {
      await t.store.costs.add(tenant.scope, project.id, { amount, currency: "EUR", category: "software", incurredOn: "2026-01-01" });
    }
    const stored = await t.store.costs.list(tenant.tenantId, project.id);
    expect(stored.map((c) => c.amount).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(
      [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect(stored.every((c) => typeof c.amount === "bigint")).toBe(true);
    expect((await t.store.costs.totals(tenant.tenantId, project.id)).total).toBe(amounts.reduce((a, b) => a + b, 0n));
  });

  it("adds a cost, returns the record and audits it with the amount as a string", async () => {
    const project = await createProject(t.store, tenant);
    const cost = await t.store.costs.add(tenant.scope, project.id, {
      amount: LARGEST,
      currency: "EUR",
      category: "consultants",
      note: "Security review",
      incurredOn: "2026-02-03",
    });
    expect(cost).toEqual({
      id: expect.any(String),
      projectId: project.id,
      number: 1,
      amount: LARGEST,
      currency: "EUR",
      category: "consultants",
      note: "Security review",
      incurredOn: "2026-02-03",
      createdById: tenant.manager.id,
      createdAt: expect.any(Date),
    });
    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: project.id, limit: 1 });
    expect(event).toMatchObject({
      action: "cost.add",
      entity: "cost",
      entityId: cost.id,
      projectId: project.id,
      actorId: tenant.manager.id,
      before: null,
      after: { amount: "999999999999999", category: "consultants", incurredOn: "2026-02-03" },
    });
  });

  it("lists costs newest first within an inclusive date range", async () => {
    const project = await createProject(t.store, tenant);
    for (const [day, amount] of [
      ["2026-01-31", 100n],
      ["2026-02-01", 200n],
      ["2026-02-28", 300n],
      ["2026-03-01", 400n],
    ] as const) {
      await t.store.costs.add(tenant.scope, project.id, { amount, currency: "EUR", category: "travel", incurredOn: day });
    }
    const list = (range?: { from?: string; to?: string }) =>
      t.store.costs.list(tenant.tenantId, project.id, range).then((costs) => costs.map((c) => c.incurredOn));
    expect(await list()).toEqual(["2026-03-01", "2026-02-28", "2026-02-01", "2026-01-31"]);
    expect(await list({ from: "2026-02-01", to: "2026-02-28" })).toEqual(["2026-02-28", "2026-02-01"]);
    expect(await list({ from: "2026-02-15" })).toEqual(["2026-03-01", "2026-02-28"]);
    expect(await list({ to: "2026-01-31" })).toEqual(["2026-01-31"]);
  });

  it("totals by category in the database", async () => {
    const project = await createProject(t.store, tenant);
    const entries = [
      ["labour", LARGEST - 12_606n, "2026-01-15"],
      ["labour", 7n, "2026-03-02"],
      ["software", 12_500n, "2026-01-03"],
      ["travel", 99n, "2026-02-10"],
    ] as const;
    for (const [category, amount, incurredOn] of entries) {
      await t.store.costs.add(tenant.scope, project.id, { amount, currency: "EUR", category, incurredOn });
    }
    // Count what the store asks the database: one grouped sum, never the rows.
    const operations: string[] = [];
    const counted = t.db.prisma.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          operations.push(`${model ?? ""}.${operation}`);
          return query(args);
        },
      },
    }) as unknown as Client;
    const store = createStore({ ...t.db, prisma: counted });
    expect(await store.costs.totals(tenant.tenantId, project.id)).toEqual({
      total: LARGEST,
      count: 4,
      byCategory: { labour: LARGEST - 12_599n, software: 12_500n, travel: 99n },
      firstOn: "2026-01-03",
      lastOn: "2026-03-02",
    });
    expect(operations).toEqual([".$queryRaw"]);

    const empty = await createProject(t.store, tenant);
    expect(await t.store.costs.totals(tenant.tenantId, empty.id)).toEqual({
      total: 0n,
      count: 0,
      byCategory: {},
      firstOn: null,
      lastOn: null,
    });
  });

  it("reads and sets the budget: total, contingency and category lines", async () => {
    const project = await t.store.projects.create(tenant.scope, { name: "Budgeted", currency: "GBP", budgetTotal: 100_000n });
    expect(await t.store.budgets.get(tenant.tenantId, project.id)).toEqual({
      total: 100_000n,
      baseline: 100_000n,
      currency: "GBP",
      contingencyPct: 0,
      lines: [],
      changes: [],
    });

    const set = await t.store.budgets.set(tenant.scope, project.id, {
      total: LARGEST,
      contingencyPct: 12.5,
      lines: [
        { category: "software", amount: 40_000n },
        { category: "labour", amount: LARGEST - 40_000n },
      ],
    });
    expect(set).toEqual({
      total: LARGEST,
      baseline: LARGEST,
      currency: "GBP",
      contingencyPct: 12.5,
      lines: [
        { category: "labour", amount: LARGEST - 40_000n },
        { category: "software", amount: 40_000n },
      ],
      changes: [],
    });
    expect(await t.store.budgets.get(tenant.tenantId, project.id)).toEqual(set);
    expect((await t.store.projects.get(tenant.tenantId, project.id))?.budgetTotal).toBe(LARGEST);

    // A partial change replaces only what it names.
    const partial = await t.store.budgets.set(tenant.scope, project.id, { lines: [{ category: "software", amount: 1n }] });
    expect(partial).toEqual({ ...set, lines: [set.lines[0], { category: "software", amount: 1n }] });

    // Lines from other sources (approved change requests) are not baseline lines.
    await t.db.prisma.budgetLine.create({
      data: { tenantId: tenant.tenantId, projectId: project.id, category: "travel", amount: 5n, source: "change:abc" },
    });
    expect((await t.store.budgets.get(tenant.tenantId, project.id)).lines.map((l) => l.category)).toEqual(["labour", "software"]);

    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: project.id, limit: 1 });
    expect(event).toMatchObject({
      action: "budget.set",
      entity: "budget",
      entityId: project.id,
      before: { total: "999999999999999", lines: [{ category: "labour" }, { category: "software", amount: "40000" }] },
      after: { total: "999999999999999", lines: [{ category: "labour" }, { category: "software", amount: "1" }] },
    });
  });

  it("changes the currency only while the project has no costs", async () => {
    const project = await t.store.projects.create(tenant.scope, { name: "Currency", currency: "EUR" });
    const switched = await t.store.budgets.set(tenant.scope, project.id, { total: 10_000n, currency: "USD" });
    expect(switched).toMatchObject({ total: 10_000n, currency: "USD" });
    expect((await t.store.projects.get(tenant.tenantId, project.id))?.currency).toBe("USD");

    await t.store.costs.add(tenant.scope, project.id, { amount: 100n, currency: "USD", category: "other", incurredOn: "2026-01-01" });
    const refused = t.store.budgets.set(tenant.scope, project.id, { total: 20_000n, currency: "GBP" });
    await expect(refused).rejects.toBeInstanceOf(StoreConflict);
    await expect(refused).rejects.toThrow("already has costs in USD");
    await expect(refused).rejects.toMatchObject({ reason: "currency-mismatch" });
    expect(await t.store.budgets.get(tenant.tenantId, project.id)).toEqual(switched);
    // Naming the current currency is not a change.
    await expect(t.store.budgets.set(tenant.scope, project.id, { total: 20_000n, currency: "USD" })).resolves.toMatchObject({
      total: 20_000n,
    });
  });

  it("refuses budgets and costs of unknown projects", async () => {
    await expect(t.store.budgets.get(tenant.tenantId, "nope")).rejects.toMatchObject({ reason: "not_found" });
    await expect(t.store.budgets.set(tenant.scope, "nope", { total: 1n })).rejects.toMatchObject({ reason: "not_found" });
    await expect(
      t.store.costs.add(tenant.scope, "nope", { amount: 1n, currency: "EUR", category: "other", incurredOn: "2026-01-01" }),
    ).rejects.toMatchObject({ reason: "not_found" });
  });
});
