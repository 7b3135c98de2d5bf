/**
 * `charter import costs` when something fails on Charter's side: a failure
 * of the import's transaction says nothing was imported (it rolled back); a
 * failure after it committed says how many costs were saved, never a raw
 * database error. Real SQLite store and outbox; one store call is made to fail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCostImport } from "../../src/admin/import-command.js";
import type { Store } from "../../src/core/store.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { recordingLogger } from "../support/context.js";

const FILE = ["date,amount,currency,category,description", "2026-02-02,10,USD,software,A", "2026-02-03,20,USD,travel,B"].join("\n");

describe("charter import costs failures", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => t?.drop());

  async function run(store: Store, project: string) {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) > 0 }, stderr: { write: (s: string) => out.push(s) > 0 } };
    const who = { tenant: "local", user: "importer", channel: "local" };
    const code = await runCostImport(
      { store, log: recordingLogger([]), outbox: outboxQueue(t.db) },
      { who, file: "costs.csv", bytes: new TextEncoder().encode(FILE), project },
      io,
    );
    return { code, text: out.join("") };
  }

  async function project(name: string) {
    await t.store.tenants.ensure("local", "local");
    const member = await t.store.members.ensure("local", { platformUserId: "importer" });
    return t.store.projects.create({ tenantId: "local", actorId: member.id }, { name, currency: "USD" });
  }

  it("says nothing was imported when the import's transaction fails, and nothing is", async () => {
    const p = await project("Rolled back");
    const timedOut = Object.assign(
      new Error("Transaction API error: Transaction already closed: the timeout for this transaction was 20000 ms"),
      { code: "P2028" },
    );
    const store = { ...t.store, costs: { ...t.store.costs, addMany: () => Promise.reject(timedOut) } } as Store;
    const r = await run(store, p.name);
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/nothing was saved/i);
    expect(r.text).not.toMatch(/Transaction API error|P2028/);
    expect(await t.store.costs.list("local", p.id)).toEqual([]);
  });

  it("says how many costs were saved when it fails after the import committed", async () => {
    const p = await project("Committed");
    let reads = 0;
    // The first totals read (before the import) answers; the one after it fails.
    const store = {
      ...t.store,
      costs: {
        ...t.store.costs,
        totals: (...args: Parameters<Store["costs"]["totals"]>) =>
          ++reads > 1 ? Promise.reject(new Error("read failed")) : t.store.costs.totals(...args),
      },
    } as Store;
    const r = await run(store, p.name);
    expect(r.code).toBe(1);
    expect(r.text).toBe("2 costs were saved, but Charter failed while answering — check with `cost list` before retrying.\n");
    expect(await t.store.costs.list("local", p.id)).toHaveLength(2);
  });
});
