/**
 * Sends what the outbox holds. Each pass takes the lanes (conversations) that
 * have due work and that no other process holds, and serves each one in
 * order: claim its next message, send it through the platform's sender,
 * record the outcome, and push the lane's next-send instant out by the
 * platform's gap (Slack about 1 message per second per channel, Teams 7 per
 * second per conversation). Lanes live in the database, so the pacing and the
 * one-sender-per-conversation rule hold across every process on it.
 *
 * A message with a threadKey is a reply under another message of its
 * tenant (its parent): once the parent is sent it goes into the parent's
 * thread; while the parent is still on its way it waits, and when the parent
 * failed or was never queued it is posted on its own.
 *
 * A message whose earlier attempt was in flight when its process died is
 * handed to the sender with inDoubtSince, so a sender that can look up what
 * it posted (Slack) does not post it twice.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger, Platform } from "../core/index.js";
import type { StoreContext } from "../store/client.js";
import { outboxRepository, type LaneClaim, type LaneKey, type OutboxRepository, type OutboxRow } from "../store/repositories/outbox.js";
import { isOk, isPermanent, MAX_ATTEMPTS, MAX_THROTTLED_AGE_MS, type SendContext, type SendResult, type Sender } from "./senders.js";

/**
 * How long a lane stays with a process that stopped renewing it. The holder
 * renews every quarter of this, so only a process that died (or stalled far
 * longer than any pause) loses its lanes; after a crash, its conversations
 * move on within this long.
 */
export const LANE_LEASE_MS = 20_000;

/** Minimum gap between two sends to one conversation. */
export const PLATFORM_GAP_MS: Record<Platform, number> = { slack: 1_000, teams: Math.ceil(1_000 / 7), local: 0 };

/** Lanes taken per pass. */
const BATCH = 500;
/** Conversations one process sends to at once. */
export const LANE_CONCURRENCY = 64;
/**
 * How long one pass may spend on one conversation; the lane is then released
 * so the pass ends and the next one sees new work.
 */
const PASS_BUDGET_MS = 60_000;
/** A lane whose next send is further away than this is left for a later pass instead of waited for. */
const MAX_LANE_WAIT_MS = 2_000;
/** How long a thread reply waits before looking at its parent again. */
export const THREAD_WAIT_MS = 3_000;

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface DeliveryOptions {
  db: Pick<StoreContext, "prisma">;
  senders: Partial<Record<Platform, Sender>>;
  log: Logger;
  /** The clock: what time it is, waiting within a pass, and the timer between passes (tests pass a virtual one). */
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Runs `run` after `ms`; returns what cancels it. */
  setTimer?: (run: () => void, ms: number) => () => void;
  /** Told of each send put back for another attempt (metrics). */
  onRetry?: (platform: Platform) => void;
  /** Override per-platform gaps (tests). */
  gapMs?: Partial<Record<Platform, number>>;
  /** How long a lane stays with this process without renewal (default LANE_LEASE_MS). */
  leaseMs?: number;
  /** Names this process in OutboxLane.holder; unique per delivery by default. */
  holder?: string;
}

export interface Delivery {
  outbox: OutboxRepository;
  deliverDue(): Promise<DeliveryResult>;
  /** Runs deliverDue every `intervalMs` (after each pass ends) until stop(). */
  start(intervalMs: number): void;
  /** Ends the loop; waits for sends in flight and releases this process's lanes. */
  stop(): Promise<void>;
}

/** The longest wait between delivery passes while they keep failing. */
export const MAX_FAILING_INTERVAL_MS = 10_000;
/** How often a failing delivery loop logs that it still fails. */
const FAILING_LOG_EVERY_MS = 60_000;

export function createDelivery(options: DeliveryOptions): Delivery {
  const outbox = outboxRepository(options.db);
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const setTimer =
    options.setTimer ??
    ((run: () => void, ms: number) => {
      const handle = setTimeout(run, ms);
      return () => clearTimeout(handle);
    });
  const gaps = { ...PLATFORM_GAP_MS, ...options.gapMs };
  const leaseMs = options.leaseMs ?? LANE_LEASE_MS;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const platforms = (Object.keys(options.senders) as Platform[]).filter((p) => options.senders[p]);

  let stopping = false;
  let wakeStopped: () => void = () => undefined;
  const stopped = new Promise<void>((done) => (wakeStopped = done));
  /** Cancels the wait for the loop's next pass. */
  let timer: (() => void) | undefined;
  let running: Promise<unknown> | undefined;

  /** Sleeps, but wakes at once on stop(). */
  const pause = (ms: number) => (ms > 0 ? Promise.race([sleep(ms), stopped]) : Promise.resolve());
  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);

  async function deliverLane(key: LaneKey, totals: DeliveryResult): Promise<void> {
    const lane = await outbox.acquireLane(key, holder, now(), leaseMs);
    if (!lane) return;
    try {
      await serveLane(key, lane.nextSendAt.getTime(), lane.inDoubt, totals);
    } finally {
      await outbox
        .releaseLane(key, holder)
        .catch((error: unknown) => log.warn("outbox lane release failed", { channel: key.channelId, error: String(error) }));
    }
  }

  async function serveLane(key: LaneKey, nextSendAt: number, inDoubt: LaneClaim[], totals: DeliveryResult): Promise<void> {
    const sender = options.senders[key.platform]!;
    const gap = gaps[key.platform];
    const began = now().getTime();
    // Freed with its next send far off (another process just paced it): a later pass takes it.
    if (nextSendAt - now().getTime() > MAX_LANE_WAIT_MS) return;
    for (;;) {
      if (stopping || now().getTime() - began >= PASS_BUDGET_MS) return;
      // What the previous holder left in flight goes first: it is older than anything pending.
      // Claimed before waiting out the gap, so a lane with nothing more to send ends at once.
      // Due by the time the lane may send again: a retried message (due exactly then) stays ahead of later ones.
      const at = now();
      const claim = inDoubt.shift() ?? (await outbox.claimNext(key, holder, at, new Date(Math.max(at.getTime(), nextSendAt))));
      if (!claim) return;
      const { row, inDoubtSince } = claim;
      await pause(nextSendAt - now().getTime());
      if (stopping) {
        // Not tried: back to pending without an attempt. A message in doubt stays in flight for whoever takes the lane next.
        if (!inDoubtSince) await outbox.release(row.id, now());
        return;
      }
      if (row.attempts >= MAX_ATTEMPTS) {
        // Interrupted on every attempt: something about this message stops its sender.
        await outbox.markFailed(row.id, row.lastError ?? "delivery interrupted too often");
        totals.failed++;
        continue;
      }
      const thread = await threadOf(row);
      if (thread === "wait") {
        // Not an attempt: the parent has not been posted yet. The whole lane waits, so the conversation keeps its order.
        const at = new Date(now().getTime() + THREAD_WAIT_MS);
        await outbox.paceLane(key, holder, at, leaseFrom(now()));
        await outbox.release(row.id, at);
        return;
      }
      const context: SendContext = {
        ...(thread ? { threadId: thread } : {}),
        ...(inDoubtSince ? { inDoubtSince } : {}),
        pagePosted: (pagesSent, platformMessageId) => outbox.markPage(row.id, pagesSent, platformMessageId),
      };
      let result: SendResult;
      try {
        result = await sender.send(row, context);
      } catch (error) {
        result = { retryAfterMs: 1_000, error: error instanceof Error ? error.message : String(error) };
      }
      const done = now();
      // From the end of the call: the next request then reaches the platform at least `gap` after this one.
      nextSendAt = done.getTime() + gap;
      const throttled = !isOk(result) && !isPermanent(result) && result.throttled === true;
      const retry =
        !isOk(result) &&
        !isPermanent(result) &&
        (throttled ? done.getTime() - row.createdAt.getTime() < MAX_THROTTLED_AGE_MS : row.attempts + 1 < MAX_ATTEMPTS);
      const retryAt = retry ? new Date(done.getTime() + (result as { retryAfterMs: number }).retryAfterMs) : undefined;
      // Later messages of the conversation wait for a retried one, so the conversation keeps its order.
      if (retryAt) nextSendAt = Math.max(nextSendAt, retryAt.getTime());
      // Paced before the outcome is recorded: whoever serves the lane next waits out the gap.
      const held = await outbox.paceLane(key, holder, new Date(nextSendAt), leaseFrom(done));
      if (isOk(result)) {
        await outbox.markSent(row.id, done);
        totals.sent++;
      } else if (!retryAt) {
        await outbox.markFailed(row.id, result.error);
        totals.failed++;
        log.warn("outbox message failed", {
          id: row.id,
          platform: row.platform,
          channel: row.channelId,
          error: result.error,
          attempts: row.attempts + 1,
        });
      } else {
        await outbox.markRetry(row.id, retryAt, result.error, { spendsAttempt: !throttled });
        totals.retried++;
        options.onRetry?.(row.platform);
        return;
      }
      if (!held) {
        log.warn("outbox lane lost to another process (lease ran out)", { platform: key.platform, channel: key.channelId });
        return;
      }
    }
  }

  /** The parent's platform id to post under, "wait" while the parent is on its way, undefined to post on its own. */
  async function threadOf(row: OutboxRow): Promise<string | "wait" | undefined> {
    if (!row.threadKey) return undefined;
    const parent = await outbox.byDedupeKey(row.tenantId, row.threadKey);
    if (!parent || parent.id === row.id || parent.status === "failed") return undefined;
    if (parent.status === "pending" || parent.status === "sending") return "wait";
    return parent.platformMessageId ?? undefined;
  }

  async function deliverDue(): Promise<DeliveryResult> {
    const totals: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
    if (!platforms.length || stopping) return totals;
    const started = now();
    const due = await outbox.lanesDue(started, BATCH, { platforms, soon: new Date(started.getTime() + MAX_LANE_WAIT_MS) });
    if (!due.length) return totals;
    // Keeps this process's lanes while the pass runs, however long one send takes.
    const heartbeat = setInterval(
      () => {
        outbox
          .renewLanes(holder, now(), leaseMs)
          .catch((error: unknown) => log.warn("outbox lane renewal failed", { error: String(error) }));
      },
      Math.max(50, Math.floor(leaseMs / 4)),
    );
    heartbeat.unref();
    try {
      let next = 0;
      const worker = async () => {
        while (next < due.length && !stopping) await deliverLane(due[next++]!, totals);
      };
      await Promise.all(Array.from({ length: Math.min(LANE_CONCURRENCY, due.length) }, worker));
    } finally {
      clearInterval(heartbeat);
    }
    log.debug("outbox pass", { lanes: due.length, ...totals });
    return totals;
  }

  return {
    outbox,
    deliverDue,
    start(intervalMs) {
      if (timer || running || stopping) return;
      // While passes fail (the database is down), the loop slows down and says so once a minute, not every pass.
      let failedPasses = 0;
      let loggedAt = -Infinity;
      const failed = (error: unknown) => {
        failedPasses += 1;
        const at = now().getTime();
        if (at - loggedAt < FAILING_LOG_EVERY_MS) return;
        loggedAt = at;
        log.error("outbox delivery pass failed", { error: String(error), failedPasses });
      };
      const succeeded = () => {
        if (failedPasses) log.info("outbox delivery recovered", { failedPasses });
        failedPasses = 0;
        loggedAt = -Infinity;
      };
      const loop = async () => {
        timer = undefined;
        if (stopping) return;
        const pass = deliverDue().then(succeeded, failed);
        running = pass;
        await pass;
        running = undefined;
        const wait = failedPasses
          ? Math.min(intervalMs * 2 ** Math.min(failedPasses, 16), Math.max(intervalMs, MAX_FAILING_INTERVAL_MS))
          : intervalMs;
        if (!stopping) timer = setTimer(() => void loop(), wait);
      };
      timer = setTimer(() => void loop(), 0);
    },
    async stop() {
      stopping = true;
      wakeStopped();
      timer?.();
      timer = undefined;
      await running;
    },
  };
}
