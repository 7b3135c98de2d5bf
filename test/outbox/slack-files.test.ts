/**
 * Charts and files through the outbox to Slack: the real outbox table and
 * delivery loop, the real Slack sender and WebClient, the local Slack API.
 * A queued reply's pages are posted, then each chart is uploaded into the
 * thread of the first page; a retry resumes after what already went, so no
 * page is posted twice and no file uploaded twice. The clock is virtual: the
 * gaps between steps and Retry-After are kept on it, not waited out.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { encodePng } from "../../src/core/charts/png.js";
import type { Logger } from "../../src/core/context.js";
import type { OutgoingMessage } from "../../src/core/notify.js";
import { file, heading, image, reply, text, type Reply } from "../../src/core/views/reply.js";
import { createDelivery, type Delivery } from "../../src/outbox/delivery.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { deserializeReply, serializeReply } from "../../src/store/reply-json.js";
import { slackSender } from "../../src/adapters/slack/outbox-sender.js";
import { DELIVERY_INTERVAL_MS } from "../../src/wiring/delivery.js";
import { virtualClock, type VirtualClock } from "../support/clock.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import type { UploadedFile } from "../support/slack/http-body.js";
import { rateLimited, startSlackApi, type RecordedCall, type SlackApi } from "../support/slack/index.js";

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const pngOf = (seed: number) =>
  new Uint8Array(
    encodePng(
      40,
      30,
      Uint8Array.from({ length: 40 * 30 * 4 }, (_, i) => (i * seed) % 251),
    ),
  );
const burn = pngOf(7);
const risks = pngOf(13);

/** The weekly digest with two charts; 60 lines make it two Slack pages. */
const digestWithCharts = (channelId: string, lines = 60): OutgoingMessage => ({
  channelId,
  kind: "digest",
  dedupeKey: `digest:${channelId}`,
  reply: reply(
    "Weekly digest: Apollo",
    [
      heading("Weekly digest"),
      ...Array.from({ length: lines }, (_, i) => text(`Line ${i + 1}`)),
      image("Budget burn", burn),
      image("Risk heat map", risks),
    ],
    "channel",
  ),
});

const uploaded = (call: RecordedCall) =>
  Object.values(call.args).find((v): v is UploadedFile => typeof v === "object" && v !== null && "bytes" in v)!.bytes;
const ok = (call: RecordedCall) => call.response?.status === 200 && (call.response.body as { ok?: boolean }).ok !== false;

it("keeps the bytes of images and files through the outbox's JSON", () => {
  const csv = new TextEncoder().encode("\uFEFFdate,amount\r\n2026-03-02,250.00\r\n");
  const original: Reply = reply("Export", [image("Burn", burn), file("costs.csv", "Apollo — costs", "text/csv", csv), text("ok")]);
  const back = deserializeReply(serializeReply(original));
  expect(back).toEqual(original);
  const [img, csvBlock] = back.blocks;
  expect(img).toMatchObject({ kind: "image", png: burn });
  expect(csvBlock).toMatchObject({ kind: "file", name: "costs.csv", bytes: csv });
  expect((csvBlock as { bytes: unknown }).bytes).toBeInstanceOf(Uint8Array);
});

describeEachProvider("outbox charts to Slack", (provider) => {
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

  const deliver = () => {
    delivery = createDelivery({
      db: database.db,
      log: quiet,
      senders: {
        slack: slackSender({ apiUrl: api.url, token: async () => "xoxb-outbox-files", log: quiet, random: () => 0, sleep: clock.sleep }),
      },
      now: clock.now,
      sleep: clock.sleep,
      setTimer: clock.setTimer,
    });
    delivery.start(DELIVERY_INTERVAL_MS);
  };

  async function untilSettled(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const open = await database.db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("outbox did not settle");
  }

  it("posts the digest's pages, then uploads each chart into the thread of the first page", async () => {
    const { id } = await outboxQueue(database.db).enqueue("T1", "slack", digestWithCharts("CDIGEST"));
    deliver();
    await untilSettled();

    const posts = api.callsTo("chat.postMessage");
    expect(posts.map((c) => [String(c.args.text).slice(-5), c.args.thread_ts, c.response?.status])).toEqual([
      ["(1/2)", undefined, 200],
      ["(2/2)", undefined, 200],
    ]);
    expect(JSON.stringify(posts.map((c) => c.args.blocks))).not.toContain("[image");
    const firstTs = (posts[0]!.response!.body as { ts: string }).ts;
    const completes = api.callsTo("files.completeUploadExternal");
    expect(completes.map((c) => [c.args.channel_id, c.args.thread_ts, (c.args.files as { title: string }[])[0]!.title])).toEqual([
      ["CDIGEST", firstTs, "Budget burn"],
      ["CDIGEST", firstTs, "Risk heat map"],
    ]);
    expect(api.callsTo("file_upload").map(uploaded)).toEqual([burn, risks]);
    expect(api.callsTo("files.getUploadURLExternal").map((c) => c.args.filename)).toEqual(["budget-burn.png", "risk-heat-map.png"]);
    // Pages and uploads keep Slack's pace: a second apart.
    const steps = [...posts, ...completes].sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.at - steps[i - 1]!.at).toBeGreaterThanOrEqual(1_000);
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 1,
      pagesSent: 4,
      platformMessageId: firstTs,
    });
  });

  it("after a 429 on the second upload, retries only that upload: no page again, the first chart not again", async () => {
    const { id } = await outboxQueue(database.db).enqueue("T1", "slack", digestWithCharts("CRETRY"));
    api.respondWith("files.getUploadURLExternal", (call) => (call.args.filename === "risk-heat-map.png" ? rateLimited(2) : undefined), {
      times: 1,
    });
    deliver();
    await untilSettled();

    expect(api.callsTo("chat.postMessage")).toHaveLength(2);
    const asks = api.callsTo("files.getUploadURLExternal");
    expect(asks.map((c) => [c.args.filename, c.response?.status])).toEqual([
      ["budget-burn.png", 200],
      ["risk-heat-map.png", 429],
      ["risk-heat-map.png", 200],
    ]);
    // Retry-After (2 s) is honoured.
    expect(asks[2]!.at - asks[1]!.at).toBeGreaterThanOrEqual(2_000);
    const completes = api.callsTo("files.completeUploadExternal").filter(ok);
    expect(completes.map((c) => (c.args.files as { title: string }[])[0]!.title)).toEqual(["Budget burn", "Risk heat map"]);
    expect(api.callsTo("file_upload").map(uploaded)).toEqual([burn, risks]);
    const firstTs = (api.callsTo("chat.postMessage")[0]!.response!.body as { ts: string }).ts;
    expect(completes.every((c) => c.args.thread_ts === firstTs)).toBe(true);
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 1, // a 429 spends no attempt
      pagesSent: 4,
      lastError: null,
      platformMessageId: firstTs,
    });
  });

  it("after a 429 while sharing the first chart, shares it on the retry and never posts a page twice", async () => {
    const { id } = await outboxQueue(database.db).enqueue("T1", "slack", digestWithCharts("CSHARE", 3));
    api.respondWith("files.completeUploadExternal", () => rateLimited(1), { times: 1 });
    deliver();
    await untilSettled();

    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
    expect(
      api.callsTo("files.completeUploadExternal").map((c) => [(c.args.files as { title: string }[])[0]!.title, c.response?.status]),
    ).toEqual([
      ["Budget burn", 429],
      ["Budget burn", 200],
      ["Risk heat map", 200],
    ]);
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 1,
      pagesSent: 3,
    });
  });

  it("a digest to a person: the page in their DM, the charts in its thread, also after a retry", async () => {
    const { id } = await outboxQueue(database.db).enqueue("T1", "slack", digestWithCharts("U0STAKE001", 3));
    api.respondWith("files.getUploadURLExternal", () => rateLimited(1), { times: 1 });
    deliver();
    await untilSettled();

    const [post, ...more] = api.callsTo("chat.postMessage");
    expect(more).toEqual([]);
    expect(post!.args.channel).toBe("U0STAKE001");
    const { channel, ts } = post!.response!.body as { channel: string; ts: string };
    expect(channel).toBe("D0STAKE001");
    // The retry opened the DM to find the conversation the page went to.
    expect(api.callsTo("conversations.open").map((c) => c.args.users)).toEqual(["U0STAKE001"]);
    expect(api.callsTo("files.completeUploadExternal").map((c) => [c.args.channel_id, c.args.thread_ts])).toEqual([
      [channel, ts],
      [channel, ts],
    ]);
    expect(await database.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      attempts: 1,
      pagesSent: 3,
    });
  });

  it("a reply queued under another message uploads into that message's thread", async () => {
    const queue = outboxQueue(database.db);
    await queue.enqueue("T1", "slack", {
      channelId: "CPARENT",
      kind: "digest",
      dedupeKey: "parent",
      reply: reply("Parent", [text("Parent")], "channel"),
    });
    await queue.enqueue("T1", "slack", { ...digestWithCharts("CPARENT", 1), dedupeKey: "child", threadKey: "parent" });
    deliver();
    await untilSettled();
    const [parent, child] = api.callsTo("chat.postMessage");
    const parentTs = (parent!.response!.body as { ts: string }).ts;
    expect(child!.args.thread_ts).toBe(parentTs);
    expect(api.callsTo("files.completeUploadExternal").map((c) => c.args.thread_ts)).toEqual([parentTs, parentTs]);
  });
});
