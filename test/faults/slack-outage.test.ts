/**
 * Slack's Web API fails for a full minute (HTTP 500/503, or 429 with
 * Retry-After) while messages wait in the outbox. The real outbox delivery
 * and Slack sender run against a real database and the local Slack API; only
 * the clock is injected, so the whole minute (and the backoff after it) runs
 * in well under a second of real waiting. Afterwards every queued message has
 * reached Slack exactly once, in order per channel, and none is marked failed.
 * (The clock is virtual, so the outage is the full minute the issue asks for.)
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reply, text } from "../../src/core/views/reply.js";
import { createDelivery, type Delivery } from "../../src/outbox/delivery.js";
import { outboxNotifier } from "../../src/core/notify.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { slackSender } from "../../src/adapters/slack/outbox-sender.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { httpFailure, rateLimited, startSlackApi, type Answer, type RecordedCall, type SlackApi } from "../support/slack/index.js";
import { recordingLogger } from "../support/context.js";

const TENANT = "T0ACME0001";
const CHANNELS = ["C0OPS00001", "C0DEV00001", "C0PMO00001"];
const PER_CHANNEL = 3;
const OUTAGE_MS = 60_000;

describe("a minute-long Slack outage", () => {
  let api: SlackApi;
  let database: TestDatabase;
  let delivery: Delivery;
  let now: number;
  let outageEnds: number;
  const logs: { level: string; msg: string; data?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    api = await startSlackApi();
  });
  afterAll(() => api?.close());

  beforeEach(async () => {
    database = await createTestDatabase("sqlite");
    // Rows are stamped with the real time; the injected clock starts there and only moves forward.
    now = Date.now();
    outageEnds = now + OUTAGE_MS;
    /** Concurrent sleepers share one timeline: each moves it to its own wake-up time, never back. */
    const sleep = async (ms: number) => {
      const wake = now + ms;
      await Promise.resolve();
      now = Math.max(now, wake);
    };
    const log = recordingLogger(logs);
    delivery = createDelivery({
      db: database.db,
      // Backoff jitter fixed at its middle, so every run retries at the same instants.
      senders: { slack: slackSender({ apiUrl: api.url, token: async () => "xoxb-test-token", log, sleep, random: () => 0.5 }) },
      log,
      now: () => new Date(now),
      sleep,
    });
  });
  afterEach(async () => {
    await delivery.stop();
    await database.drop();
  });

  /** Queues PER_CHANNEL digest messages in each channel through the notifier, as a scheduler run does. */
  async function queueDigests(run: string): Promise<string[]> {
    const notifier = outboxNotifier(outboxQueue(database.db), "slack");
    const texts: string[] = [];
    for (let i = 1; i <= PER_CHANNEL; i++) {
      for (const channel of CHANNELS) {
        const body = `${run} digest ${i} for ${channel}`;
        await notifier.post(TENANT, {
          channelId: channel,
          kind: "digest",
          dedupeKey: `${run}:${channel}:${i}`,
          reply: reply(body, [text(body)], "channel"),
        });
        texts.push(body);
      }
    }
    return texts;
  }

  /** Messages still to send: pending, or claimed and not yet recorded. */
  const open = () => database.db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });

  /**
   * Runs delivery passes a (virtual) second apart, as `charter start` does,
   * until `until` of virtual time or until nothing is left to send: passes
   * after that could send nothing more.
   */
  async function deliverUntil(until: number): Promise<void> {
    while (now < until) {
      const pass = await delivery.deliverDue();
      if (pass.sent + pass.retried + pass.failed === 0 && (await open()) === 0) return;
      now += 1_000;
    }
  }

  const textOf = (call: RecordedCall) => String(call.args.text ?? "");
  const delivered = (run: string) => api.callsTo("chat.postMessage").filter((c) => c.response?.status === 200 && textOf(c).startsWith(run));

  async function expectAllDeliveredOnce(run: string, texts: string[]): Promise<void> {
    const posted = delivered(run).map(textOf);
    // Exactly once each: nothing lost, nothing doubled.
    expect([...posted].sort()).toEqual([...texts].sort());
    const rows = await database.db.prisma.outboxMessage.findMany({ where: { tenantId: TENANT } });
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "sent"));
  }

  function expectChannelOrder(run: string, texts: string[]): void {
    for (const channel of CHANNELS) {
      const inChannel = delivered(run)
        .filter((c) => c.args.channel === channel)
        .map(textOf);
      expect(inChannel).toEqual(texts.filter((t) => t.endsWith(channel)));
    }
  }

  /** Answers chat.postMessage with `outage` while the (virtual) outage lasts; Slack's normal answer after. */
  function failFor(outage: (call: RecordedCall, n: number) => Answer): () => void {
    let n = 0;
    return api.respondWith("chat.postMessage", (call) => (now < outageEnds ? outage(call, n++) : undefined), {
      times: Number.MAX_SAFE_INTEGER,
    });
  }

  it("retries through a minute of 500s and 503s, then posts each message once", async () => {
    const texts = await queueDigests("5xx");
    const restore = failFor((_call, n) => (n % 2 ? httpFailure(503) : httpFailure(500, "Internal Server Error")));
    try {
      await deliverUntil(outageEnds + 10 * 60_000);
    } finally {
      restore();
    }
    // The outage was real and long: Slack refused calls throughout the minute.
    const refused = api.callsTo("chat.postMessage").filter((c) => textOf(c).startsWith("5xx") && c.response?.status !== 200);
    expect(refused.length).toBeGreaterThan(CHANNELS.length * 2);
    await expectAllDeliveredOnce("5xx", texts);
  });

  it("keeps each channel's messages in order through the outage", async () => {
    const texts = await queueDigests("order");
    const restore = failFor(() => httpFailure(503));
    try {
      await deliverUntil(outageEnds + 10 * 60_000);
    } finally {
      restore();
    }
    await expectAllDeliveredOnce("order", texts);
    // The first digest of a channel is retried through the outage; the later ones must not overtake it.
    expectChannelOrder("order", texts);
  });

  /** Rate limits are Slack asking to wait, not a failed attempt: however many, they spend none. */
  it("waits out a minute of 429s (Retry-After) mixed with 503s, then posts each message once", async () => {
    const texts = await queueDigests("429");
    const restore = failFor((_call, n) => (n % 3 === 2 ? httpFailure(503) : rateLimited(5)));
    try {
      await deliverUntil(outageEnds + 10 * 60_000);
    } finally {
      restore();
    }
    const limited = api.callsTo("chat.postMessage").filter((c) => textOf(c).startsWith("429") && c.response?.status === 429);
    expect(limited.length).toBeGreaterThan(CHANNELS.length);
    await expectAllDeliveredOnce("429", texts);
    expectChannelOrder("429", texts);
  });
});
