/**
 * Sends what the outbox holds: claims due messages, sends them through the
 * platform's sender, and records the outcome. Pacing is per conversation,
 * within what each platform allows (Slack about 1 message per second per
 * channel, Teams 7 per second per conversation); conversations are served
 * concurrently, each one's messages in order.
 *
 * A message with a threadKey is a reply under another message of its
 * tenant (its parent): once the parent is sent it goes into the parent's
 * thread; while the parent is still on its way it waits, and when the parent
 * failed or was never queued it is posted on its own.
 */
import type { Logger } from "../core/context.js";
import type { OutboxPlatform } from "./notifier.js";
import { DEFAULT_LEASE_MS, outboxStore, type OutboxRow, type OutboxStore } from "./outbox-store.js";
import { isOk, isPermanent, MAX_ATTEMPTS, type SendContext, type SendResult, type Sender } from "./senders.js";
import type { StoreContext } from "../store/client.js";

/** Minimum gap between two sends to one conversation. */
export const PLATFORM_GAP_MS: Record<OutboxPlatform, number> = { slack: 1_000, teams: Math.ceil(1_000 / 7), local: 0 };

/** Messages claimed per pass. */
const BATCH = 500;
/**
 * How long one pass may spend on one conversation; the rest of its messages
 * are released for the next pass. Well inside the claim lease, so no other
 * process takes a row over while it still waits here.
 */
const PASS_BUDGET_MS = 60_000;
/** How long a thread reply waits before looking at its parent again. */
export const THREAD_WAIT_MS = 3_000;

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface DeliveryOptions {
  db: Pick<StoreContext, "prisma">;
  senders: Partial<Record<OutboxPlatform, Sender>>;
  log: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each send put back for another attempt (metrics). */
  onRetry?: (platform: OutboxPlatform) => void;
  /** Override per-platform gaps (tests). */
  gapMs?: Partial<Record<OutboxPlatform, number>>;
}

export interface Delivery {
  store: OutboxStore;
  deliverDue(): Promise<DeliveryResult>;
  /** Runs deliverDue every `intervalMs` (after each pass ends) until stop(). */
  start(intervalMs: number): void;
  /** Ends the loop; waits for sends in flight, releases messages still waiting for their turn. */
  stop(): Promise<void>;
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const store = outboxStore(options.db);
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const gaps = { ...PLATFORM_GAP_MS, ...options.gapMs };
  const platforms = (Object.keys(options.senders) as OutboxPlatform[]).filter((p) => options.senders[p]);
  /** Per conversation: the earliest time the next send may start. Kept across passes. */
  const nextAllowed = new Map<string, number>();

  let stopping = false;
  let wakeStopped: () => void = () => undefined;
  const stopped = new Promise<void>((done) => (wakeStopped = done));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  /** Sleeps, but wakes at once on stop(). */
  const pause = (ms: number) => (ms > 0 ? Promise.race([sleep(ms), stopped]) : Promise.resolve());

  async function deliverConversation(key: string, rows: OutboxRow[], totals: DeliveryResult): Promise<void> {
    const first = rows[0]!;
    const sender = options.senders[first.platform]!;
    const gap = gaps[first.platform];
    const limit = gap > 0 ? Math.max(1, Math.floor(PASS_BUDGET_MS / gap)) : rows.length;
    for (const [index, row] of rows.entries()) {
      const wait = (nextAllowed.get(key) ?? 0) - now().getTime();
      if (wait > 0) await pause(wait);
      if (stopping || index >= limit) {
        await releaseAll(rows.slice(index), now());
        return;
      }
      const thread = await threadOf(row);
      if (thread === "wait") {
        // Not an attempt: the parent has not been posted yet. Later messages wait too, so the conversation keeps its order.
        await releaseAll(rows.slice(index), new Date(now().getTime() + THREAD_WAIT_MS));
        return;
      }
      const context: SendContext = {
        ...(thread ? { threadId: thread } : {}),
        pagePosted: (pagesSent, platformMessageId) => store.markPage(row.id, pagesSent, platformMessageId),
      };
      let result: SendResult;
      try {
        result = await sender.send(row, context);
      } catch (error) {
        result = { retryAfterMs: 1_000, error: error instanceof Error ? error.message : String(error) };
      }
      const done = now();
      // From the end of the call: the next request then reaches the platform at least `gap` after this one.
      nextAllowed.set(key, done.getTime() + gap);
      if (isOk(result)) {
        await store.markSent(row.id, done);
        totals.sent++;
      } else if (isPermanent(result) || row.attempts + 1 >= MAX_ATTEMPTS) {
        await store.markFailed(row.id, result.error);
        totals.failed++;
        log.warn("outbox message failed", { id: row.id, platform: row.platform, channel: row.channelId, error: result.error, attempts: row.attempts + 1 });
      } else {
        const retryAt = new Date(done.getTime() + result.retryAfterMs);
        await store.markRetry(row.id, retryAt, result.error);
        totals.retried++;
        options.onRetry?.(row.platform);
        nextAllowed.set(key, Math.max(done.getTime() + gap, retryAt.getTime()));
        // Later messages wait for this one, so the conversation keeps its order.
        await releaseAll(rows.slice(index + 1), retryAt);
        return;
      }
    }
  }

  /** The parent's platform id to post under, "wait" while the parent is on its way, undefined to post on its own. */
  async function threadOf(row: OutboxRow): Promise<string | "wait" | undefined> {
    if (!row.threadKey) return undefined;
    const parent = await store.byDedupeKey(row.tenantId, row.threadKey);
    if (!parent || parent.id === row.id || parent.status === "failed") return undefined;
    if (parent.status === "pending" || parent.status === "sending") return "wait";
    return parent.platformMessageId ?? undefined;
  }

  async function releaseAll(rows: OutboxRow[], at: Date): Promise<void> {
    for (const row of rows) await store.release(row.id, at);
  }

  async function deliverDue(): Promise<DeliveryResult> {
    const totals: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
    if (!platforms.length) return totals;
    const started = now();
    const recovered = await store.recoverStale(started);
    if (recovered) log.warn("outbox messages left sending by a stopped process were requeued", { count: recovered });
    for (const [key, at] of nextAllowed) if (at <= started.getTime()) nextAllowed.delete(key);

    const claimed = await store.claimDue(started, BATCH, { platforms, leaseMs: DEFAULT_LEASE_MS });
    if (!claimed.length) return totals;
    const conversations = new Map<string, OutboxRow[]>();
    for (const row of claimed) {
      const key = `${row.platform}\u0000${row.tenantId}\u0000${row.channelId}`;
      const list = conversations.get(key);
      if (list) list.push(row);
      else conversations.set(key, [row]);
    }
    await Promise.all([...conversations].map(([key, rows]) => deliverConversation(key, rows, totals)));
    log.debug("outbox pass", { claimed: claimed.length, ...totals });
    return totals;
  }

  return {
    store,
    deliverDue,
    start(intervalMs) {
      if (timer || running || stopping) return;
      const loop = async () => {
        timer = undefined;
        if (stopping) return;
        const pass = deliverDue().catch((error: unknown) => log.error("outbox delivery pass failed", { error: String(error) }));
        running = pass;
        await pass;
        running = undefined;
        if (!stopping) timer = setTimeout(() => void loop(), intervalMs);
      };
      timer = setTimeout(() => void loop(), 0);
    },
    async stop() {
      stopping = true;
      wakeStopped();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
