import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/core/notify.js";
import { heading, reply, text } from "../../src/core/views/reply.js";
import { openDatabase } from "../../src/store/database.js";
import { outboxRepository, type OutboxRepository } from "../../src/store/repositories/outbox.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { deserializeReply, serializeReply } from "../../src/store/reply-json.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

const message = (dedupeKey: string, channelId = "C1", extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channelId,
  kind: "digest",
  dedupeKey,
  reply: reply(`Digest ${dedupeKey}`, [heading(`Digest ${dedupeKey}`), text("All on track.")], "channel"),
  ...extra,
});

describeEachProvider("outbox repository", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await database.db.prisma.outboxMessage.deleteMany({});
    await database.db.prisma.outboxLane.deleteMany({});
  });

  it("enqueues once per tenant and dedupe key", async () => {
    const queue = outboxQueue(database.db);
    const first = await queue.enqueue("T1", "slack", message("weekly:2026-W48"));
    const again = await queue.enqueue("T1", "slack", message("weekly:2026-W48", "C2"));
    const otherTenant = await queue.enqueue("T2", "slack", message("weekly:2026-W48"));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(otherTenant.created).toBe(true);
    expect(await database.db.prisma.outboxMessage.count()).toBe(2);
  });

  const lane = (channelId: string, platform: "slack" | "local" = "slack", tenantId = "T1") => ({ platform, tenantId, channelId });
  const LEASE = 60_000;

  /** Everything `holder` can claim as of `now`: the lanes it takes, each served to the end. */
  async function claimAll(outbox: OutboxRepository, holder: string, now: Date, platforms: ("slack" | "local")[] = ["slack", "local"]) {
    const claimed: { id: string; channelId: string; holder: string }[] = [];
    for (const key of await outbox.lanesDue(now, 100, { platforms })) {
      const held = await outbox.acquireLane(key, holder, now, LEASE);
      if (!held) continue;
      for (const claim of held.inDoubt) claimed.push({ id: claim.row.id, channelId: claim.row.channelId, holder });
      for (let claim = await outbox.claimNext(key, holder, now); claim; claim = await outbox.claimNext(key, holder, now)) {
        claimed.push({ id: claim.row.id, channelId: claim.row.channelId, holder });
      }
    }
    return claimed;
  }

  it("finds the conversations with due work and claims their messages oldest first, skipping ones not yet due", async () => {
    const queue = outboxQueue(database.db);
    const outbox = outboxRepository(database.db);
    const a = await queue.enqueue("T1", "slack", message("a"));
    const b = await queue.enqueue("T1", "local", message("b"));
    const a2 = await queue.enqueue("T1", "slack", message("a2"));
    await queue.enqueue("T1", "slack", message("later", "C9", { notBefore: new Date(Date.now() + 60_000) }));
    const now = new Date();
    expect(await outbox.lanesDue(now, 10, { platforms: ["slack", "local"] })).toEqual([lane("C1"), lane("C1", "local")]);
    expect(await outbox.lanesDue(now, 10, { platforms: ["local"] })).toEqual([lane("C1", "local")]);
    expect(await outbox.acquireLane(lane("C1"), "p1", now, LEASE)).toMatchObject({ ...lane("C1"), inDoubt: [] });
    const first = await outbox.claimNext(lane("C1"), "p1", now);
    expect(first).toEqual({ row: expect.objectContaining({ id: a.id, status: "sending", nextAttemptAt: now }) });
    expect((await outbox.claimNext(lane("C1"), "p1", now))?.row.id).toBe(a2.id);
    expect(await outbox.claimNext(lane("C1"), "p1", now)).toBeNull();
    // A held lane is not offered again, not even to its holder; the other platform's lane is.
    expect(await outbox.lanesDue(now, 10, { platforms: ["slack", "local"] })).toEqual([lane("C1", "local")]);
    expect((await claimAll(outbox, "p1", now)).map((c) => c.id)).toEqual([b.id]);
  });

  it("lets one process at a time hold a conversation, and keeps its pacing in the database", async () => {
    const queue = outboxQueue(database.db);
    for (let i = 0; i < 3; i++) await queue.enqueue("T1", "slack", message(`p${i}`));
    const [other] = [await openDatabase(database.url)];
    try {
      const mine = outboxRepository(database.db);
      const theirs = outboxRepository(other!);
      const now = new Date();
      const held = await mine.acquireLane(lane("C1"), "p1", now, LEASE);
      expect(held?.nextSendAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(await theirs.acquireLane(lane("C1"), "p2", now, LEASE)).toBeNull();
      // Only the holder claims; a claim by anyone else finds nothing.
      expect(await theirs.claimNext(lane("C1"), "p2", now)).toBeNull();
      expect(await mine.claimNext(lane("C1"), "p1", now)).not.toBeNull();
      const nextSend = new Date(now.getTime() + 1_000);
      expect(await mine.paceLane(lane("C1"), "p1", nextSend, new Date(now.getTime() + LEASE))).toBe(true);
      expect(await theirs.paceLane(lane("C1"), "p2", now, now)).toBe(false);
      await mine.releaseLane(lane("C1"), "p1");
      // Free again, but not before its next send may start: another process waits for the same instant.
      expect(await theirs.lanesDue(now, 10, { platforms: ["slack"] })).toEqual([]);
      expect(await theirs.lanesDue(now, 10, { platforms: ["slack"], soon: nextSend })).toEqual([lane("C1")]);
      expect(await theirs.acquireLane(lane("C1"), "p2", now, LEASE)).toMatchObject({ ...lane("C1"), nextSendAt: nextSend });
    } finally {
      await other!.close();
    }
  });

  it("never hands one message, or one conversation, to two concurrent claimers", async () => {
    const queue = outboxQueue(database.db);
    for (let i = 0; i < 40; i++) await queue.enqueue("T1", "slack", message(`m${i}`, `C${i % 5}`));
    // Separate connections, as separate processes would have.
    const others = [await openDatabase(database.url), await openDatabase(database.url)];
    const claimers = [database.db, ...others].map((db) => outboxRepository(db));
    const now = new Date();
    const results = await Promise.all(claimers.map((s, n) => claimAll(s, `p${n}`, now))).finally(() =>
      Promise.all(others.map((db) => db.close())),
    );
    const all = results.flat();
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all).toHaveLength(40);
    for (let c = 0; c < 5; c++)
      expect(new Set(all.filter((x) => x.channelId === `C${c}`).map((x) => x.holder)).size, `holders of C${c}`).toBe(1);
  });

  it("records sends, retries and failures", async () => {
    const queue = outboxQueue(database.db);
    const outbox = outboxRepository(database.db);
    const ok = await queue.enqueue("T1", "slack", message("ok", "C1"));
    const retry = await queue.enqueue("T1", "slack", message("retry", "C2"));
    const bad = await queue.enqueue("T1", "slack", message("bad", "C3"));
    const now = new Date();
    expect(await claimAll(outbox, "p1", now)).toHaveLength(3);
    await outbox.markSent(ok.id, now);
    const later = new Date(now.getTime() + 2_000);
    await outbox.markRetry(retry.id, later, "ratelimited");
    await outbox.markFailed(bad.id, "channel_not_found");

    const rows = new Map((await outbox.list()).map((r) => [r.id, r]));
    expect(rows.get(ok.id)).toMatchObject({ status: "sent", attempts: 1, sentAt: now, lastError: null });
    expect(rows.get(retry.id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: later, lastError: "ratelimited" });
    expect(rows.get(bad.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "channel_not_found" });
    expect(Object.fromEntries(await outbox.countByStatus())).toEqual({ sent: 1, pending: 1, failed: 1 });
    await outbox.releaseLane(lane("C2"), "p1");
    expect(await claimAll(outbox, "p1", now)).toEqual([]);
    expect((await claimAll(outbox, "p1", later)).map((r) => r.id)).toEqual([retry.id]);
  });

  it("hands a conversation whose holder stopped renewing to another process, with the message it left in flight in doubt", async () => {
    const queue = outboxQueue(database.db);
    const outbox = outboxRepository(database.db);
    const crashed = await queue.enqueue("T1", "slack", message("crash"));
    const next = await queue.enqueue("T1", "slack", message("after"));
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await outbox.acquireLane(lane("C1"), "dead", t0, 20_000);
    expect((await outbox.claimNext(lane("C1"), "dead", t0))?.row.id).toBe(crashed.id);
    // Renewed at 10 s, then the process dies: the lane is its own until 30 s.
    expect(await outbox.renewLanes("dead", at(10_000), 20_000)).toBe(1);
    expect(await outbox.lanesDue(at(29_000), 10, { platforms: ["slack"] })).toEqual([]);
    expect(await outbox.acquireLane(lane("C1"), "p2", at(29_000), 20_000)).toBeNull();
    expect(await outbox.lanesDue(at(30_000), 10, { platforms: ["slack"] })).toEqual([lane("C1")]);
    const taken = await outbox.acquireLane(lane("C1"), "p2", at(30_000), 20_000);
    expect(taken?.inDoubt).toEqual([
      {
        row: expect.objectContaining({ id: crashed.id, status: "sending", attempts: 1, lastError: expect.stringContaining("interrupted") }),
        inDoubtSince: t0,
      },
    ]);
    // The process that lost the lane can neither claim nor pace there any more.
    expect(await outbox.claimNext(lane("C1"), "dead", at(30_000))).toBeNull();
    expect(await outbox.paceLane(lane("C1"), "dead", at(30_000), at(50_000))).toBe(false);
    await outbox.markSent(crashed.id, at(30_000));
    expect(await outbox.claimNext(lane("C1"), "p2", at(30_000))).toEqual({ row: expect.objectContaining({ id: next.id }) });
  });

  it("stores a thread key, records posted pages, and finds a message by tenant and dedupe key", async () => {
    const queue = outboxQueue(database.db);
    const outbox = outboxRepository(database.db);
    const parent = await queue.enqueue("T1", "slack", message("opening"));
    await queue.enqueue("T1", "slack", message("reply", "C1", { threadKey: "opening" }));
    expect(await claimAll(outbox, "p1", new Date())).toHaveLength(2);
    await outbox.markPage(parent.id, 1, "1767225600.000100");
    await outbox.markPage(parent.id, 2);
    expect(await outbox.byDedupeKey("T1", "opening")).toMatchObject({
      id: parent.id,
      status: "sending",
      pagesSent: 2,
      platformMessageId: "1767225600.000100",
      threadKey: null,
    });
    expect(await outbox.byDedupeKey("T1", "reply")).toMatchObject({ pagesSent: 0, platformMessageId: null, threadKey: "opening" });
    expect(await outbox.byDedupeKey("T2", "opening")).toBeNull();
  });

  it("lists newest first, by tenant, limited", async () => {
    const queue = outboxQueue(database.db);
    const outbox = outboxRepository(database.db);
    for (const [i, tenant] of ["T1", "T2", "T1", "T1"].entries()) {
      await queue.enqueue(tenant, "local", message(`n${i}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await outbox.list({ tenantId: "T1" })).map((r) => r.dedupeKey)).toEqual(["n3", "n2", "n0"]);
    expect((await outbox.list({ limit: 2 })).map((r) => r.dedupeKey)).toEqual(["n3", "n2"]);
  });
});

it("stores images as base64 and reads them back as bytes", () => {
  const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
  const original = reply("Burn chart", [{ kind: "image", alt: "burn", png }, text("ok")]);
  const back = deserializeReply(serializeReply(original));
  expect(back).toEqual(original);
});
