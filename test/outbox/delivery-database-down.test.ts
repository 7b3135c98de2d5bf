/**
 * The delivery loop while its database fails: it slows down and logs the
 * failure once (not once a pass), then says when it recovered and delivers
 * what waited. The failure is real: the lane table is renamed away under the
 * running loop and back again. The loop's waits run on a virtual clock.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { reply, text } from "../../src/core/views/reply.js";
import { createDelivery } from "../../src/outbox/delivery.js";
import { localSender } from "../../src/outbox/local-sender.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { virtualClock } from "../support/clock.js";
import { recordingLogger } from "../support/context.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachProvider("outbox delivery while the database fails", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());

  it("backs off and logs once while passes fail, then recovers and delivers", async () => {
    const logs: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
    const clock = virtualClock();
    const delivery = createDelivery({
      db: database.db,
      log: recordingLogger(logs),
      senders: { local: localSender() },
      now: clock.now,
      sleep: clock.sleep,
      setTimer: clock.setTimer,
    });
    const prisma = database.db.prisma;
    await prisma.$executeRawUnsafe(`ALTER TABLE "OutboxLane" RENAME TO "OutboxLaneAway"`);
    const passes = () => logs.filter((l) => l.msg === "outbox delivery pass failed");
    try {
      delivery.start(20);
      await clock.runUntil(clock.ms() + 1_500);
      // Every 20 ms, 75 passes would have failed; doubling waits make it a handful, and one log line.
      expect(passes()).toHaveLength(1);
      expect(String(passes()[0]!.data?.error)).toMatch(/OutboxLane/);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "OutboxLaneAway" RENAME TO "OutboxLane"`);
    }
    const { id } = await outboxQueue(database.db).enqueue("local", "local", {
      channelId: "local",
      kind: "reminder",
      dedupeKey: `after-outage-${Date.now()}`,
      reply: reply("Reminder", [text("Sent once the database is back.")], "channel"),
    });
    clock.resume();
    try {
      const deadline = Date.now() + 15_000;
      while ((await prisma.outboxMessage.findUnique({ where: { id } }))?.status !== "sent") {
        if (Date.now() > deadline) throw new Error(`not delivered after the database came back:\n${JSON.stringify(logs)}`);
        await delay(20);
      }
    } finally {
      await delivery.stop();
    }
    const recovered = logs.find((l) => l.msg === "outbox delivery recovered");
    expect(recovered?.data?.failedPasses).toBeGreaterThanOrEqual(3);
    expect(recovered!.data!.failedPasses).toBeLessThan(15);
  });
});
