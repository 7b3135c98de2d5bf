import cron from "node-cron";
import { afterAll, beforeAll, expect, it } from "vitest";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { startScheduler } from "../../src/scheduler/cron.js";
import { claimsRepository } from "../../src/store/repositories/claims.js";
import { recordingLogger } from "../support/context.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("sqlite");
});
afterAll(() => t?.drop());

it("registers one per-minute task and removes it on stop", async () => {
  const handle = startScheduler({
    db: t.db,
    store: t.store,
    claims: claimsRepository(t.db),
    outbox: outboxQueue(t.db),
    log: recordingLogger([]),
  });
  const task = [...cron.getTasks().values()].find((x) => x.name === "charter-scheduler");
  expect(task?.getPattern()).toBe("* * * * *");
  expect(task?.getStatus()).not.toBe("stopped");
  await handle.stop();
  expect([...cron.getTasks().values()].some((x) => x.name === "charter-scheduler")).toBe(false);
});
