/**
 * The store's fault classification against the errors real databases raise
 * through the real store (not hand-made error objects): SQLite full and
 * read-only, PostgreSQL connections killed, refused or not accepted. Each
 * write that failed left nothing behind.
 */
import { afterEach, describe, expect, it } from "vitest";
import { failureMessage, failureReply } from "../../src/adapters/common/failure.js";
import type { Scope, Store } from "../../src/core/store.js";
import { openDatabase } from "../../src/store/database.js";
import { classifyStoreError, storeFaultKind } from "../../src/store/errors.js";
import { createTestDatabase, describePostgres, PG_ADMIN_URL, type TestDatabase } from "../support/db.js";
import { apolloFixture } from "../support/project.js";
import { query } from "./support.js";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

/** A cost write through the store; resolves to what it threw (or undefined when it saved). */
async function addCost(store: Store, scope: Scope, projectId: string, note: string): Promise<unknown> {
  try {
    await store.costs.add(scope, projectId, { amount: 500n, currency: "USD", category: "other", note, incurredOn: "2026-03-02" });
    return undefined;
  } catch (error) {
    return error;
  }
}

async function apollo(store: Store) {
  const fixture = await apolloFixture(store, "faults");
  const ctx = await fixture.pm.context();
  const scope: Scope = { tenantId: fixture.tenant, actorId: ctx.user.id };
  const costs = async () => (await store.costs.list(fixture.tenant, fixture.project.id)).length;
  return { ...fixture, scope, costs };
}

describe("SQLite faults", () => {
  it("a full database is 'full', told as such, and the failed write left nothing", async () => {
    database = await createTestDatabase("sqlite");
    const a = await apollo(database.store);
    const [pages] = await database.db.prisma.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    // The file may not grow by a single page: SQLITE_FULL on the next write that needs one.
    await database.db.prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages!.page_count)}`);
    const before = await a.costs();
    const writes = await a.writes();
    let error: unknown;
    for (let i = 0; i < 200 && !error; i++) error = await addCost(database.store, a.scope, a.project.id, `n${i} ${"x".repeat(400)}`);
    expect(error).toBeDefined();
    expect(storeFaultKind(error)).toBe("full");
    expect(failureReply(error).summary).toMatch(/database is full\. Nothing was saved/);
    expect(failureMessage(error)).toMatch(/database is full/);
    // Every cost that saved has its audit event, the one that failed has neither.
    expect((await a.costs()) - before).toBe((await a.writes()) - writes);
  });

  it("a database that refuses writes is 'read_only', and reads still work", async () => {
    database = await createTestDatabase("sqlite");
    const a = await apollo(database.store);
    const before = await a.costs();
    const writes = await a.writes();
    await database.db.prisma.$queryRawUnsafe("PRAGMA query_only = ON");
    const error = await addCost(database.store, a.scope, a.project.id, "refused");
    expect(storeFaultKind(error)).toBe("read_only");
    expect(failureReply(error).summary).toMatch(/read-only\. Nothing was saved/);
    expect(await a.costs()).toBe(before);
    expect(await a.writes()).toBe(writes);
    await database.db.prisma.$queryRawUnsafe("PRAGMA query_only = OFF");
  });

  it("a transaction that ran past its time limit is 'busy': rolled back, told as too slow rather than unreachable", async () => {
    database = await createTestDatabase("sqlite");
    const a = await apollo(database.store);
    const before = await a.costs();
    const error = await database.db.prisma
      .$transaction(
        async (tx) => {
          await tx.tenant.findMany();
          await new Promise((resolve) => setTimeout(resolve, 150));
          await tx.tenant.findMany();
        },
        { timeout: 30 },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeDefined();
    expect(storeFaultKind(error)).toBe("busy");
    expect(failureReply(error).summary).toMatch(/took too long.*nothing was saved.*try again/i);
    expect(await a.costs()).toBe(before);
  });

  it("leaves every other error to the generic answer", async () => {
    database = await createTestDatabase("sqlite");
    const a = await apollo(database.store);
    const error = await addCost(database.store, a.scope, "no-such-project", "x");
    expect(error).toBeDefined();
    expect(classifyStoreError(error)).toBeUndefined();
    expect(classifyStoreError(new Error("boom"))).toBeUndefined();
    expect(failureReply(new Error("boom")).summary).toMatch(/Something went wrong on Charter's side/);
  });
});

describePostgres("PostgreSQL faults", () => {
  it("a killed connection, a database that refuses connections and a closed port are all 'unavailable'", async () => {
    database = await createTestDatabase("postgresql");
    const a = await apollo(database.store);
    const name = new URL(database.url).pathname.slice(1);
    const before = await a.costs();
    await query(PG_ADMIN_URL, `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    try {
      await query(PG_ADMIN_URL, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
        name,
      ]);
      // First the pool's killed connections (57P01), then new ones refused (55000 "not currently accepting connections").
      const errors: unknown[] = [];
      for (let i = 0; i < 12; i++) errors.push(await addCost(database.store, a.scope, a.project.id, `down-${i}`));
      for (const error of errors) {
        expect(error).toBeDefined();
        expect(storeFaultKind(error)).toBe("unavailable");
      }
      expect(failureReply(errors[0]).summary).toMatch(/can't reach its database.*try again/);
    } finally {
      await query(PG_ADMIN_URL, `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    }
    expect(await a.costs()).toBe(before);

    const closed = await openDatabase("postgresql://postgres@127.0.0.1:1/none");
    try {
      const refused = await closed.ping().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(storeFaultKind(refused)).toBe("unavailable");
    } finally {
      await closed.close();
    }
  });
});
