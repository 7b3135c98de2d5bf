/**
 * What scheduler tests run a tick with: a fresh database per suite and the
 * tick's dependencies on it, as one process (`worker`) would hold them.
 */
import { afterAll, beforeAll } from "vitest";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import type { TickDeps } from "../../src/scheduler/tick.js";
import type { Database } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { claimsRepository } from "../../src/store/repositories/claims.js";
import { recordingLogger } from "./context.js";
import { createTestDatabase, type TestDatabase, type TestProvider } from "./db.js";

export function depsFor(db: Database, worker: string): TickDeps {
  return { db, store: createStore(db), claims: claimsRepository(db), outbox: outboxQueue(db), log: recordingLogger([]), worker };
}

/** Creates the suite's database before its tests (dropped after them) and hands it over with the tick's dependencies. */
export function withSchedulerDatabase(provider: TestProvider, ready: (t: TestDatabase, deps: TickDeps) => void): void {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    ready(t, depsFor(t.db, "main"));
  });
  afterAll(() => t?.drop());
}
