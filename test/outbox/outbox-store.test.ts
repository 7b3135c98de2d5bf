import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/core/notify.js";
import { heading, reply, text } from "../../src/core/views/reply.js";
import { outboxQueue } from "../../src/outbox/outbox-repository.js";
import { deserializeReply, outboxStore } from "../../src/outbox/outbox-store.js";
import { openDatabase } from "../../src/store/database.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

const message = (dedupeKey: string, channelId = "C1", extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channelId,
  kind: "digest",
  dedupeKey,
  reply: reply(`Digest ${dedupeKey}`, [heading(`Digest ${dedupeKey}`), text("All on track.")], "channel"),
  ...extra,
});

describeEachProvider("outbox store", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await database.db.prisma.outboxMessage.deleteMany({});
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

  it("claims due messages oldest first and skips ones not yet due", async () => {
    const queue = outboxQueue(database.db);
    const store = outboxStore(database.db);
    const a = await queue.enqueue("T1", "slack", message("a"));
    const b = await queue.enqueue("T1", "local", message("b"));
    await queue.enqueue("T1", "slack", message("later", "C1", { notBefore: new Date(Date.now() + 60_000) }));
    const now = new Date();
    const claimed = await store.claimDue(now, 10);
    expect(claimed.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(claimed.every((r) => r.status === "sending")).toBe(true);
    // Claimed rows are not claimable again.
    expect(await store.claimDue(now, 10)).toEqual([]);
    const onlyLocal = await queue.enqueue("T1", "local", message("c"));
    await queue.enqueue("T1", "slack", message("d"));
    expect((await store.claimDue(new Date(), 10, { platforms: ["local"] })).map((r) => r.id)).toEqual([onlyLocal.id]);
  });

  it("never hands one message to two concurrent claimers", async () => {
    const queue = outboxQueue(database.db);
    for (let i = 0; i < 40; i++) await queue.enqueue("T1", "slack", message(`m${i}`, `C${i % 5}`));
    // Separate connections, as separate processes would have.
    const others = [await openDatabase(database.url), await openDatabase(database.url)];
    const claimers = [database.db, ...others].map((db) => outboxStore(db));
    const now = new Date();
    const results = await Promise.all(claimers.map((s) => s.claimDue(now, 40))).finally(() => Promise.all(others.map((db) => db.close())));
    const ids = results.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });

  it("records sends, retries and failures", async () => {
    const queue = outboxQueue(database.db);
    const store = outboxStore(database.db);
    const ok = await queue.enqueue("T1", "slack", message("ok"));
    const retry = await queue.enqueue("T1", "slack", message("retry"));
    const bad = await queue.enqueue("T1", "slack", message("bad"));
    const now = new Date();
    await store.claimDue(now, 10);
    await store.markSent(ok.id, now);
    const later = new Date(now.getTime() + 2_000);
    await store.markRetry(retry.id, later, "ratelimited");
    await store.markFailed(bad.id, "channel_not_found");

    const rows = new Map((await store.list()).map((r) => [r.id, r]));
    expect(rows.get(ok.id)).toMatchObject({ status: "sent", attempts: 1, sentAt: now, lastError: null });
    expect(rows.get(retry.id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: later, lastError: "ratelimited" });
    expect(rows.get(bad.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "channel_not_found" });
    expect(await store.claimDue(now, 10)).toEqual([]);
    expect((await store.claimDue(later, 10)).map((r) => r.id)).toEqual([retry.id]);
  });

  it("puts rows left sending by a stopped process back after their lease", async () => {
    const queue = outboxQueue(database.db);
    const store = outboxStore(database.db);
    const { id } = await queue.enqueue("T1", "slack", message("crash"));
    const now = new Date();
    await store.claimDue(now, 10, { leaseMs: 60_000 });
    expect(await store.recoverStale(new Date(now.getTime() + 30_000))).toBe(0);
    expect(await store.recoverStale(new Date(now.getTime() + 60_000))).toBe(1);
    const [row] = await store.list();
    expect(row).toMatchObject({ id, status: "pending", attempts: 1 });
    expect((await store.claimDue(new Date(now.getTime() + 60_000), 10)).map((r) => r.id)).toEqual([id]);
  });

  it("stores a thread key, records posted pages, and finds a message by tenant and dedupe key", async () => {
    const queue = outboxQueue(database.db);
    const store = outboxStore(database.db);
    const parent = await queue.enqueue("T1", "slack", message("opening"));
    await queue.enqueue("T1", "slack", message("reply", "C1", { threadKey: "opening" }));
    await store.claimDue(new Date(), 10);
    await store.markPage(parent.id, 1, "1767225600.000100");
    await store.markPage(parent.id, 2);
    expect(await store.byDedupeKey("T1", "opening")).toMatchObject({ id: parent.id, status: "sending", pagesSent: 2, platformMessageId: "1767225600.000100", threadKey: null });
    expect(await store.byDedupeKey("T1", "reply")).toMatchObject({ pagesSent: 0, platformMessageId: null, threadKey: "opening" });
    expect(await store.byDedupeKey("T2", "opening")).toBeNull();
  });

  it("lists newest first, by tenant, limited", async () => {
    const queue = outboxQueue(database.db);
    const store = outboxStore(database.db);
    for (const [i, tenant] of ["T1", "T2", "T1", "T1"].entries()) {
      await queue.enqueue(tenant, "local", message(`n${i}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await store.list({ tenantId: "T1" })).map((r) => r.dedupeKey)).toEqual(["n3", "n2", "n0"]);
    expect((await store.list({ limit: 2 })).map((r) => r.dedupeKey)).toEqual(["n3", "n2"]);
  });
});

it("stores images as base64 and reads them back as bytes", async () => {
  const { serializeReply } = await import("../../src/outbox/outbox-repository.js");
  const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
  const original = reply("Burn chart", [{ kind: "image", alt: "burn", png }, text("ok")]);
  const back = deserializeReply(serializeReply(original));
  expect(back).toEqual(original);
});
