/**
 * The outbox delivery loop and the Slack sender against a real database and
 * the local Slack API, on a virtual clock: pacing gaps, backoff and
 * Retry-After are measured on that clock (as are the calls' arrival times),
 * so no test waits them out in real time.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Logger } from "../../src/core/context.js";
import type { OutgoingMessage } from "../../src/core/notify.js";
import { heading, reply, text } from "../../src/core/views/reply.js";
import { createDelivery, type Delivery } from "../../src/outbox/delivery.js";
import { localSender } from "../../src/outbox/local-sender.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { slackSender } from "../../src/adapters/slack/outbox-sender.js";
import { DELIVERY_INTERVAL_MS } from "../../src/wiring/delivery.js";
import { virtualClock, type VirtualClock } from "../support/clock.js";
import { httpFailure, rateLimited, startSlackApi, type RecordedCall, type SlackApi } from "../support/slack/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const digest = (channelId: string, n = 1): OutgoingMessage => ({
  channelId,
  kind: "digest",
  dedupeKey: `digest:${channelId}:${n}`,
  reply: reply(`Digest ${n} for ${channelId}`, [heading(`Weekly digest ${n}`), text(`Channel ${channelId}, part ${n}.`)], "channel"),
});

/** A reply too long for one Slack message: 120 blocks make three pages of at most 50. */
const longDigest = (channelId: string): OutgoingMessage => ({
  channelId,
  kind: "digest",
  dedupeKey: `long:${channelId}`,
  reply: reply(
    "Long digest",
    Array.from({ length: 120 }, (_, i) => text(`Line ${i + 1}`)),
    "channel",
  ),
});

const succeeded = (call: RecordedCall) => call.response?.status === 200 && (call.response.body as { ok?: boolean }).ok === true;

describeEachProvider("outbox delivery to Slack", (provider) => {
  let database: TestDatabase;
  let api: SlackApi;
  let delivery: Delivery | undefined;
  let clock: VirtualClock;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await database.db.prisma.outboxMessage.deleteMany({});
    clock = virtualClock();
    api = await startSlackApi({ now: clock.ms });
  });
  afterEach(async () => {
    await delivery?.stop();
    delivery = undefined;
    await api.close();
  });

  /** The delivery loop as `charter start` runs it, on the virtual clock. */
  const deliver = () => {
    delivery = createDelivery({
      db: database.db,
      log: quiet,
      senders: {
        slack: slackSender({ apiUrl: api.url, token: async () => "xoxb-outbox-test", log: quiet, random: () => 0, sleep: clock.sleep }),
        local: localSender(),
      },
      now: clock.now,
      sleep: clock.sleep,
      setTimer: clock.setTimer,
    });
    delivery.start(DELIVERY_INTERVAL_MS);
    return delivery;
  };

  /** Waits (in real time) until no message is pending or being sent. */
  async function untilSettled(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const open = await database.db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("outbox did not settle");
  }

  it("fans out to 200 channels through rate limits: one post each, never faster than 1/s per channel, in order", async () => {
    const queue = outboxQueue(database.db);
    const channels = Array.from({ length: 200 }, (_, i) => `C${String(i).padStart(4, "0")}`);
    const twice = new Set(channels.slice(0, 25));
    for (const channel of channels) await queue.enqueue("T1", "slack", digest(channel));
    for (const channel of twice) await queue.enqueue("T1", "slack", digest(channel, 2));
    api.respondWith("chat.postMessage", () => rateLimited(1), { times: 30 });

    const began = clock.ms();
    deliver();
    await untilSettled();

    const calls = api.callsTo("chat.postMessage");
    // Each channel is paced on its own: 255 calls at 1 s per channel take seconds, not minutes.
    expect(Math.max(...calls.map((c) => c.at)) - began).toBeLessThan(15_000);
    expect(calls.filter((c) => c.response?.status === 429)).toHaveLength(30);
    const byChannel = new Map<string, RecordedCall[]>();
    for (const call of calls) byChannel.set(String(call.args.channel), [...(byChannel.get(String(call.args.channel)) ?? []), call]);
    expect([...byChannel.keys()].sort()).toEqual(channels);
    for (const channel of channels) {
      const list = byChannel.get(channel)!.sort((a, b) => a.at - b.at);
      const ok = list.filter(succeeded);
      expect(ok.map((c) => c.args.text)).toEqual(
        twice.has(channel) ? [`Digest 1 for ${channel}`, `Digest 2 for ${channel}`] : [`Digest 1 for ${channel}`],
      );
      for (let i = 1; i < list.length; i++) expect(list[i]!.at - list[i - 1]!.at, `gap in ${channel}`).toBeGreaterThanOrEqual(1_000);
    }
    const rows = await database.db.prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.status === "sent" && r.sentAt)).toBe(true);
  });

  it("retries server errors with backoff", async () => {
    const { id } = await outboxQueue(database.db).enqueue("T1", "slack", digest("C500"));
    api.respondWith("chat.postMessage", () => httpFailure(500, "Internal Server Error"), { times: 2 });
    deliver();
    await untilSettled();
    const calls = api.callsTo("chat.postMessage");
    expect(calls.map((c) => c.response?.status)).toEqual([500, 500, 200]);
    // random() = 0: half of 1 s, then half of 2 s.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(500);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(1_000);
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("marks a message failed on a permanent Slack error without retrying", async () => {
    api.workspace.channels.set("CGONE", { is_member: false });
    const queue = outboxQueue(database.db);
    const gone = await queue.enqueue("T1", "slack", digest("CGONE"));
    const fine = await queue.enqueue("T1", "slack", digest("CFINE"));
    deliver();
    await untilSettled();
    expect(api.callsTo("chat.postMessage").filter((c) => c.args.channel === "CGONE")).toHaveLength(1);
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "not_in_channel",
    });
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: fine.id } })).toMatchObject({ status: "sent" });
  });

  it("delivers the local outbox at once and leaves platforms without a sender alone", async () => {
    const queue = outboxQueue(database.db);
    for (let n = 1; n <= 20; n++) await queue.enqueue("T1", "local", digest("local", n));
    await queue.enqueue("T1", "teams", digest("19:conversation"));
    // Started once the rows are queued (stamped with the real time): they are due on it at once.
    clock = virtualClock();
    const only = createDelivery({ db: database.db, log: quiet, senders: { local: localSender() }, now: clock.now, sleep: clock.sleep });
    const began = clock.ms();
    expect(await only.deliverDue()).toEqual({ sent: 20, retried: 0, failed: 0 });
    // At once: the local outbox has no pacing gap, so the pass never waited.
    expect(clock.ms()).toBe(began);
    // The row is the delivered message: one page, its own id as the message's id.
    const local = await database.db.prisma.outboxMessage.findMany({ where: { platform: "local" } });
    expect(local.every((r) => r.pagesSent === 1 && r.platformMessageId === r.id)).toBe(true);
    expect(await database.db.prisma.outboxMessage.findFirstOrThrow({ where: { platform: "teams" } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });

  it("resumes a multi-page message after the rate-limited page: each page posted once, in order", async () => {
    const { id } = await outboxQueue(database.db).enqueue("T1", "slack", longDigest("CLONG"));
    api.respondWith("chat.postMessage", (call) => (String(call.args.text).endsWith("(2/3)") ? rateLimited(1) : undefined), { times: 1 });
    deliver();
    await untilSettled();

    const calls = api.callsTo("chat.postMessage");
    expect(calls.map((c) => [String(c.args.text).slice(-5), c.response?.status])).toEqual([
      ["(1/3)", 200],
      ["(2/3)", 429],
      ["(2/3)", 200],
      ["(3/3)", 200],
    ]);
    // Retry-After is honoured before page 2 goes again.
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(1_000);
    const firstTs = (calls[0]!.response!.body as { ts: string }).ts;
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 1, // a 429 spends no attempt
      pagesSent: 3,
      platformMessageId: firstTs,
    });
  });

  it("posts a reply in its parent's thread once the parent is posted, waiting for it without spending attempts", async () => {
    const queue = outboxQueue(database.db);
    // The parent is held back (as quiet hours would); the reply and a later message of the same channel wait for it.
    await queue.enqueue("T1", "slack", { ...digest("CTHREAD", 1), notBefore: new Date(clock.ms() + 1_000) });
    const child = await queue.enqueue("T1", "slack", { ...digest("CTHREAD", 2), threadKey: "digest:CTHREAD:1" });
    await queue.enqueue("T1", "slack", digest("CTHREAD", 3));
    deliver();
    await untilSettled();

    const calls = api.callsTo("chat.postMessage");
    expect(calls.map((c) => [c.args.text, c.response?.status])).toEqual([
      ["Digest 1 for CTHREAD", 200],
      ["Digest 2 for CTHREAD", 200],
      ["Digest 3 for CTHREAD", 200],
    ]);
    const parentTs = (calls[0]!.response!.body as { ts: string }).ts;
    expect(calls[1]!.args.thread_ts).toBe(parentTs);
    expect(calls[2]!.args.thread_ts).toBeUndefined();
    const rows = await database.db.prisma.outboxMessage.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
      ["sent", 1],
    ]);
    expect(rows.find((r) => r.id === child.id)).toMatchObject({
      threadKey: "digest:CTHREAD:1",
      platformMessageId: (calls[1]!.response!.body as { ts: string }).ts,
    });
  });

  it("posts a reply on its own when its parent failed or was never queued", async () => {
    api.workspace.channels.set("CGONE", { is_member: false });
    const queue = outboxQueue(database.db);
    await queue.enqueue("T1", "slack", digest("CGONE"));
    await queue.enqueue("T1", "slack", { ...digest("CORPHAN", 1), threadKey: "digest:CGONE:1" });
    await queue.enqueue("T1", "slack", { ...digest("CORPHAN", 2), threadKey: "no-such-message" });
    // Another tenant's message with that key is not a parent.
    await queue.enqueue("T2", "slack", digest("CGONE", 9));
    await queue.enqueue("T1", "slack", { ...digest("CORPHAN", 3), threadKey: "digest:CGONE:9" });
    deliver();
    await untilSettled();
    const posted = api.callsTo("chat.postMessage").filter((c) => c.args.channel === "CORPHAN");
    expect(posted.map((c) => [c.args.text, c.args.thread_ts])).toEqual([
      ["Digest 1 for CORPHAN", undefined],
      ["Digest 2 for CORPHAN", undefined],
      ["Digest 3 for CORPHAN", undefined],
    ]);
    const rows = await database.db.prisma.outboxMessage.findMany({ where: { channelId: "CORPHAN" } });
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("on stop, finishes the send in flight and releases messages still waiting their turn", async () => {
    const queue = outboxQueue(database.db);
    for (let n = 1; n <= 3; n++) await queue.enqueue("T1", "slack", digest("CSLOW", n));
    api.respondWith("chat.postMessage", () => ({ status: 200, body: { ok: true, channel: "CSLOW", ts: "1.1" }, delayMs: 300 }), {
      times: 1,
    });
    const running = deliver();
    await api.waitFor("chat.postMessage");
    await running.stop();
    const rows = await database.db.prisma.outboxMessage.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["pending", 0],
      ["pending", 0],
    ]);
  });
});
