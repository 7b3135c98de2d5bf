/**
 * `store.transaction`: several writes, their audit events and the reads
 * between them in ONE database transaction, on both databases.
 */
import { expect, it } from "vitest";
import type { Store } from "../../src/core/store.js";
import { describeEachProvider, suiteStore } from "../support/db.js";
import { createProject, createTenant, unique, type TenantFixture } from "./fixtures.js";

const COST = { amount: 1_500n, currency: "EUR", category: "software", incurredOn: "2026-03-02" } as const;

describeEachProvider("store transaction", (provider) => {
  const store = suiteStore(provider);

  async function setup() {
    const tenant = await createTenant(store());
    const project = await createProject(store(), tenant);
    const events = async () => (await store().audit.list(tenant.tenantId, { projectId: project.id, limit: 1000 })).map((e) => e.action);
    return { tenant, project, events };
  }

  it("commits every write and its audit event together, and reads inside see the writes before them", async () => {
    const { tenant, project, events } = await setup();
    const result = await store().transaction(tenant.scope, async (tx) => {
      const task = await tx.tasks.add(tenant.scope, project.id, { title: "Inside" });
      const cost = await tx.costs.add(tenant.scope, project.id, COST);
      const budget = await tx.budgets.set(tenant.scope, project.id, { total: 90_000n });
      // Read-your-writes: the transaction's reads go through it.
      const seen = { tasks: await tx.tasks.list(tenant.tenantId, project.id), totals: await tx.costs.totals(tenant.tenantId, project.id) };
      return { task, cost, budget, seen };
    });
    expect(result.seen.tasks.map((t) => t.title)).toEqual(["Inside"]);
    expect(result.seen.totals.total).toBe(1_500n);
    expect(result.budget.total).toBe(90_000n);

    expect((await store().tasks.list(tenant.tenantId, project.id)).map((t) => t.id)).toEqual([result.task.id]);
    expect((await store().costs.list(tenant.tenantId, project.id)).map((c) => c.id)).toEqual([result.cost.id]);
    expect((await store().budgets.get(tenant.tenantId, project.id)).total).toBe(90_000n);
    expect((await events()).sort()).toEqual(["budget.set", "cost.add", "project.create", "task.add"]);
  });

  it("rolls back every write and audit event when the callback throws after two writes", async () => {
    const { tenant, project, events } = await setup();
    const failed = store().transaction(tenant.scope, async (tx) => {
      await tx.tasks.add(tenant.scope, project.id, { title: "Lost" });
      await tx.costs.add(tenant.scope, project.id, COST);
      throw new Error("a rule said no");
    });
    await expect(failed).rejects.toThrow("a rule said no");
    expect(await store().tasks.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await store().costs.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await events()).toEqual(["project.create"]);
    // Nothing was taken either: the numbering starts at 1.
    expect((await store().tasks.add(tenant.scope, project.id, { title: "First for real" })).number).toBe(1);
  });

  it("joins a nested call to the same transaction: it commits and rolls back with the outer one", async () => {
    const { tenant, project, events } = await setup();
    let inner: Store | undefined;
    const failed = store().transaction(tenant.scope, async (tx) => {
      await tx.transaction(tenant.scope, async (nested) => {
        inner = nested;
        await nested.tasks.add(tenant.scope, project.id, { title: "Nested" });
      });
      // The nested write is visible to the outer one's reads before anything commits.
      expect((await tx.tasks.list(tenant.tenantId, project.id)).map((t) => t.title)).toEqual(["Nested"]);
      expect(inner).toBe(tx);
      throw new Error("outer fails after the nested call returned");
    });
    await expect(failed).rejects.toThrow("outer fails after the nested call returned");
    expect(await store().tasks.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await events()).toEqual(["project.create"]);

    await store().transaction(tenant.scope, (tx) =>
      tx.transaction(tenant.scope, (nested) => nested.tasks.add(tenant.scope, project.id, { title: "Kept" })),
    );
    expect((await store().tasks.list(tenant.tenantId, project.id)).map((t) => t.title)).toEqual(["Kept"]);
  });

  it("runs concurrent transactions and plain writes to the end, numbering every task once", async () => {
    const { tenant, project, events } = await setup();
    // On SQLite they queue for the one connection; on PostgreSQL two may take the same number and the later is re-run whole.
    const transactions = Array.from({ length: 6 }, (_, i) =>
      store().transaction(tenant.scope, async (tx) => {
        const first = await tx.tasks.add(tenant.scope, project.id, { title: `T${i}a` });
        await tx.tasks.list(tenant.tenantId, project.id);
        const second = await tx.tasks.add(tenant.scope, project.id, { title: `T${i}b` });
        return [first.number, second.number];
      }),
    );
    const plain = Array.from({ length: 3 }, (_, i) => store().tasks.add(tenant.scope, project.id, { title: `P${i}` }));
    const reads = Array.from({ length: 3 }, () => store().tasks.list(tenant.tenantId, project.id));
    const [pairs, singles] = await Promise.all([Promise.all(transactions), Promise.all(plain), Promise.all(reads)]);
    for (const [a, b] of pairs) expect(b).toBeGreaterThan(a!);
    const numbers = (await store().tasks.list(tenant.tenantId, project.id)).map((t) => t.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(singles).toHaveLength(3);
    expect((await events()).filter((a) => a === "task.add")).toHaveLength(15);
  });

  it("holds a locked project's row until the transaction ends: another one waits for it, then reads what it wrote", async () => {
    const { tenant, project } = await setup();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const order: string[] = [];
    const first = store().transaction(tenant.scope, async (tx) => {
      expect((await tx.projects.lock(tenant.tenantId, project.id)).budgetTotal).toBeNull();
      entered();
      await held;
      await tx.budgets.set(tenant.scope, project.id, { total: 5_000n });
      order.push("first wrote");
    });
    await inside;
    const second = store().transaction(tenant.scope, async (tx) => {
      const seen = await tx.projects.lock(tenant.tenantId, project.id);
      order.push("second read");
      return seen.budgetTotal;
    });
    setTimeout(release, 150);
    await first;
    expect(await second).toBe(5_000n);
    expect(order).toEqual(["first wrote", "second read"]);
  });

  it("re-runs the whole callback on a unique violation when asked to, and only then", async () => {
    const { tenant, project } = await setup();
    const uniqueViolation = () => Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
    let attempts = 0;
    const task = await store().transaction(
      tenant.scope,
      async (tx) => {
        attempts++;
        const added = await tx.tasks.add(tenant.scope, project.id, { title: `Attempt ${attempts}` });
        if (attempts === 1) throw uniqueViolation();
        return added;
      },
      { retryOnUnique: true },
    );
    expect(attempts).toBe(2);
    expect((await store().tasks.list(tenant.tenantId, project.id)).map((t) => [t.title, t.number])).toEqual([["Attempt 2", 1]]);
    expect(task.title).toBe("Attempt 2");

    let once = 0;
    await expect(
      store().transaction(tenant.scope, async () => {
        once++;
        throw uniqueViolation();
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(once).toBe(1);
  });

  it("forgets a tenant first met inside a transaction that rolled back: its row is written again afterwards", async () => {
    const tenantId = unique("T-new");
    const failed = store().transaction({ tenantId, actorId: "nobody" }, async (tx) => {
      await tx.members.ensure(tenantId, { platformUserId: "first", name: "First" });
      throw new Error("rolled back");
    });
    await expect(failed).rejects.toThrow("rolled back");
    const member = await store().members.ensure(tenantId, { platformUserId: "second", name: "Second" });
    expect(member.tenantId).toBe(tenantId);
    expect(await store().members.getMany(tenantId, [member.id])).toHaveLength(1);
  });

  it("refuses a write for another tenant inside it, and writes nothing", async () => {
    const { tenant, project } = await setup();
    const other: TenantFixture = await createTenant(store());
    const theirs = await createProject(store(), other);
    const failed = store().transaction(tenant.scope, async (tx) => {
      await tx.tasks.add(tenant.scope, project.id, { title: "Mine" });
      await tx.tasks.add(other.scope, theirs.id, { title: "Theirs" });
    });
    await expect(failed).rejects.toThrow("A store transaction writes for one tenant");
    expect(await store().tasks.list(tenant.tenantId, project.id)).toEqual([]);
    expect(await store().tasks.list(other.tenantId, theirs.id)).toEqual([]);
  });

  if (provider === "sqlite") {
    it("lets a write outside wait for the open transaction instead of joining it or deadlocking", async () => {
      const { tenant, project } = await setup();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const failing = store()
        .transaction(tenant.scope, async (tx) => {
          await tx.tasks.add(tenant.scope, project.id, { title: "Rolled back" });
          entered();
          await held;
          throw new Error("rolled back");
        })
        .catch((error: Error) => error.message);
      await inside;
      const outside = store().tasks.add(tenant.scope, project.id, { title: "Outside" });
      setTimeout(release, 100);
      expect(await failing).toBe("rolled back");
      expect((await outside).title).toBe("Outside");
      expect((await store().tasks.list(tenant.tenantId, project.id)).map((t) => [t.title, t.number])).toEqual([["Outside", 1]]);
    });
  }
});
