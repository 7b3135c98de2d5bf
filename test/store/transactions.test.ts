import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client } from "../../src/store/database.js";
import { claimsRepository, createStore } from "../../src/store/index.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { reply, text } from "../../src/core/views/reply.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, type TenantFixture } from "./fixtures.js";

describeEachProvider("store transactions and audit", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  it("writes nothing when the audit event cannot be written", async () => {
    const project = await createProject(t.store, tenant);
    const auditDown = t.db.prisma.$extends({
      query: {
        auditEvent: {
          create() {
            throw new Error("audit log unavailable");
          },
        },
      },
    }) as unknown as Client;
    const broken = createStore({ ...t.db, prisma: auditDown });
    const before = await t.store.audit.list(tenant.tenantId, { projectId: project.id });

    await expect(
      broken.costs.add(tenant.scope, project.id, { amount: 500n, currency: "EUR", category: "other", incurredOn: "2026-01-01" }),
    ).rejects.toThrow("audit log unavailable");
    await expect(broken.tasks.add(tenant.scope, project.id, { title: "Lost" })).rejects.toThrow("audit log unavailable");
    await expect(broken.projects.create(tenant.scope, { name: "Never", currency: "EUR", linkChannelId: "C-never" })).rejects.toThrow(
      "audit log unavailable",
    );

    expect(await t.store.costs.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await t.store.tasks.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await t.store.projects.findByName(tenant.tenantId, "Never")).toBeNull();
    expect(await t.store.projects.forChannel(tenant.tenantId, "C-never")).toBeNull();
    expect(await t.store.audit.list(tenant.tenantId, { projectId: project.id })).toEqual(before);
    // The numbering did not move either.
    expect((await t.store.tasks.add(tenant.scope, project.id, { title: "First for real" })).number).toBe(1);
  });

  it("rolls back a budget change that fails half-way", async () => {
    const project = await t.store.projects.create(tenant.scope, { name: "Half-way", currency: "EUR", budgetTotal: 1_000n });
    const before = await t.store.budgets.get(tenant.tenantId, project.id);
    const change = {
      total: 5_000n,
      lines: [
        { category: "labour" as const, amount: 3_000n },
        { category: "software" as const, amount: "not money" as unknown as bigint },
      ],
    };
    await expect(t.store.budgets.set(tenant.scope, project.id, change)).rejects.toThrow();
    expect(await t.store.budgets.get(tenant.tenantId, project.id)).toEqual(before);
    expect((await t.store.audit.list(tenant.tenantId, { projectId: project.id })).map((e) => e.action)).toEqual(["project.create"]);
  });

  it("lists audit events newest first, per project and limited", async () => {
    const owner = await createTenant(t.store);
    const a = await createProject(t.store, owner);
    const b = await createProject(t.store, owner);
    await t.store.tasks.add(owner.scope, a.id, { title: "one" });
    await t.store.tasks.add(owner.scope, b.id, { title: "two" });
    await t.store.tasks.add(owner.scope, a.id, { title: "three" });

    const all = await t.store.audit.list(owner.tenantId);
    expect(all.map((e) => e.action)).toEqual(["task.add", "task.add", "task.add", "project.create", "project.create"]);
    expect(all.every((e) => e.tenantId === owner.tenantId && e.actorId === owner.manager.id && e.at instanceof Date)).toBe(true);
    const onA = await t.store.audit.list(owner.tenantId, { projectId: a.id });
    expect(onA.map((e) => (e.after as { title?: string }).title ?? "project")).toEqual(["three", "one", "project"]);
    expect(await t.store.audit.list(owner.tenantId, { limit: 2 })).toEqual(all.slice(0, 2));
  });

  if (provider === "sqlite") {
    it("waits for another process's write instead of failing", async () => {
      const project = await createProject(t.store, tenant);
      await t.store.costs.totals(tenant.tenantId, project.id);
      // Another process holds the write lock and commits a change after a while.
      const sqlite = createRequire(import.meta.url).resolve("better-sqlite3");
      const holder = spawn(
        process.execPath,
        [
          "-e",
          `const Database = require(${JSON.stringify(sqlite)});
           const db = new Database(process.argv[1]);
           db.exec("BEGIN IMMEDIATE");
           db.prepare('UPDATE "Project" SET "contingencyPct" = 5 WHERE "id" = ?').run(process.argv[2]);
           console.log("locked");
           setTimeout(() => { db.exec("COMMIT"); db.close(); }, 400);`,
          t.url.slice("file:".length),
          project.id,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      // Listened for now: the holder may be gone by the time the cost is written.
      const exited = new Promise((resolve) => holder.once("exit", resolve));
      await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
      const cost = await t.store.costs.add(tenant.scope, project.id, {
        amount: 1n,
        currency: "EUR",
        category: "other",
        incurredOn: "2026-01-01",
      });
      expect(cost.amount).toBe(1n);
      await exited;
      expect((await t.store.projects.get(tenant.tenantId, project.id))?.contingencyPct).toBe(5);
    });
  }

  it("keeps a claim and an outbox message written while another write's transaction is open when that one rolls back", async () => {
    const project = await createProject(t.store, tenant);
    const claims = claimsRepository(t.db);
    const outbox = outboxQueue(t.db);
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    // A write that fails half-way: its transaction stays open across an await, then rolls back.
    const failing = t.db.prisma
      .$transaction(async (tx) => {
        await tx.project.update({ where: { id: project.id }, data: { name: `${project.name} (renamed)` } });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error("validation failed half-way");
      })
      .catch((error: Error) => error.message);
    await opened;
    const key = `claim-${project.id}`;
    const [claimed, queued] = await Promise.all([
      claims.claim(tenant.tenantId, "slack:command", key, ""),
      outbox.enqueue(tenant.tenantId, "local", {
        channelId: "local",
        kind: "reminder",
        dedupeKey: key,
        reply: reply("Reminder", [text("Kept")], "channel"),
      }),
    ]);
    expect(await failing).toBe("validation failed half-way");
    expect(claimed).toBe(true);
    expect(await claims.get(tenant.tenantId, "slack:command", key, "")).toMatchObject({ status: "running" });
    expect(await t.db.prisma.outboxMessage.findUnique({ where: { id: queued.id } })).not.toBeNull();
    expect((await t.store.projects.get(tenant.tenantId, project.id))?.name).toBe(project.name);
  });
});
