import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

describeEachProvider("store KPIs", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("adds a KPI, finds it by name in any case and refuses a duplicate", async () => {
    const project = await createProject(t.store, tenant);
    const kpi = await t.store.kpis.add(tenant.scope, project.id, {
      name: "Uptime",
      target: 99.9,
      unit: "%",
      direction: "higher",
      description: "Monthly availability",
      measure: "Status page, monthly report",
      deadline: "2026-12-31",
      ownerId: tenant.manager.id,
    });
    expect(kpi).toEqual({
      id: expect.any(String),
      projectId: project.id,
      name: "Uptime",
      target: 99.9,
      unit: "%",
      direction: "higher",
      description: "Monthly availability",
      measure: "Status page, monthly report",
      deadline: "2026-12-31",
      ownerId: tenant.manager.id,
    });
    expect(await t.store.kpis.findByName(tenant.tenantId, project.id, "UPTIME")).toEqual(kpi);
    await expect(t.store.kpis.add(tenant.scope, project.id, { name: "uptime", target: 1, direction: "lower" })).rejects.toMatchObject({
      reason: "duplicate",
    });
    const other = await createProject(t.store, tenant);
    expect(await t.store.kpis.findByName(tenant.tenantId, other.id, "Uptime")).toBeNull();
  });

  it("records readings and lists every KPI with its newest readings in two queries", async () => {
    const project = await createProject(t.store, tenant);
    const names = ["Velocity", "Bugs", "NPS"];
    const kpis = [];
    for (const name of names) kpis.push(await t.store.kpis.add(tenant.scope, project.id, { name, target: 10, direction: "higher" }));
    const [velocity, bugs] = kpis as [(typeof kpis)[0], (typeof kpis)[0]];
    for (let day = 1; day <= 5; day++) {
      await t.store.kpis.record(tenant.scope, velocity.id, day * 1.5, new Date(`2026-01-0${day}T09:00:00.000Z`));
    }
    const reading = await t.store.kpis.record(tenant.scope, bugs.id, 3, new Date("2026-01-02T09:00:00.000Z"));
    expect(reading).toEqual({
      id: expect.any(String),
      kpiId: bugs.id,
      value: 3,
      recordedAt: new Date("2026-01-02T09:00:00.000Z"),
      recordedById: tenant.manager.id,
    });
    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: project.id, limit: 1 });
    expect(event).toMatchObject({ action: "kpi.record", entityId: reading.id, after: { value: 3, kpiId: bugs.id } });

    const operations: string[] = [];
    const counted = t.db.prisma.$extends({
      query: {
        $allModels: {
          async $allOperations({ model, operation, args, query }) {
            operations.push(`${model}.${operation}`);
            return query(args);
          },
        },
        async $queryRaw({ args, query }) {
          operations.push("$queryRaw");
          return query(args);
        },
      },
    }) as unknown as Client;
    const list = await createStore({ ...t.db, prisma: counted }).kpis.list(tenant.tenantId, project.id, 3);
    expect(operations).toEqual(["Kpi.findMany", "$queryRaw"]);

    expect(list.map((k) => k.name)).toEqual(["Bugs", "NPS", "Velocity"]);
    const byName = Object.fromEntries(list.map((k) => [k.name, k]));
    expect(byName.Velocity!.readings.map((r) => r.value)).toEqual([7.5, 6, 4.5]);
    expect(byName.Velocity!.readings[0]!.recordedAt).toEqual(new Date("2026-01-05T09:00:00.000Z"));
    expect(byName.Bugs!.readings).toEqual([reading]);
    expect(byName.NPS!.readings).toEqual([]);
    expect((await t.store.kpis.list(tenant.tenantId, project.id, 0)).every((k) => k.readings.length === 0)).toBe(true);
  });

  it("refuses readings for an unknown KPI", async () => {
    await expect(t.store.kpis.record(tenant.scope, "nope", 1, new Date())).rejects.toMatchObject({ reason: "not_found" });
  });
});
