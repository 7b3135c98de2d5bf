/**
 * The delivery side of the outbox table: who sends to which conversation,
 * claiming messages, recording each send's outcome, listing what was queued
 * and counting it by status (metrics). Queueing is in outbox-queue.ts; what
 * to claim when, pacing and retries are decided in src/outbox/delivery.ts.
 *
 * Every conversation has a lane (OutboxLane) shared by all processes on the
 * database. A process sends to a conversation only while it holds the lane
 * (a conditional update taking it when free or when its lease ran out), and
 * claims that conversation's messages one at a time, each claim conditional
 * on still holding the lane. So one conversation is served by one process at
 * a time, in order, and its pacing (nextSendAt) lives in the lane, not in a
 * process: replicas together never post to a channel faster than one alone.
 *
 * A claimed row is `sending` with nextAttemptAt = the instant it was claimed.
 * The holder renews its leases while it works; a process that dies stops
 * renewing, and whoever takes the lane next finds the row still `sending`:
 * that attempt is in doubt (the platform may have accepted the post before
 * the process died), and the claim says since when, so the sender can look
 * for the post before sending again.
 */
import type { Platform } from "../../core/index.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface OutboxRow {
  id: string;
  tenantId: string;
  platform: Platform;
  channelId: string;
  kind: string;
  dedupeKey: string;
  /** The Reply as stored JSON; see reply-json.ts. */
  payload: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  /** Steps of the send already done: pages of the rendered reply, then (Slack) its uploaded files; a retry starts after them. */
  pagesSent: number;
  /** The platform's id of the posted message (Slack: the ts of its first page). */
  platformMessageId: string | null;
  /** Dedupe key (same tenant) of the message this one is posted under as a thread reply. */
  threadKey: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** One conversation the outbox posts to. */
export interface LaneKey {
  platform: Platform;
  tenantId: string;
  channelId: string;
}

export interface HeldLane extends LaneKey {
  /** No send to the conversation may start before this instant. */
  nextSendAt: Date;
  /** Messages an earlier holder left in flight (claimed, outcome never recorded), oldest first; now this holder's. */
  inDoubt: LaneClaim[];
}

export interface LaneClaim {
  row: OutboxRow;
  /**
   * Set when an earlier attempt at this row was in flight when its process
   * stopped (claimed, outcome never recorded): it may have been posted at or
   * after this instant.
   */
  inDoubtSince?: Date;
}

export interface OutboxRepository {
  /**
   * Conversations with work that no live process holds and whose next send
   * may start by `soon`: pending messages due by `now`, or a message left
   * `sending` by a process that stopped. Oldest work first.
   */
  lanesDue(now: Date, limit: number, options: { platforms: readonly Platform[]; soon?: Date }): Promise<LaneKey[]>;
  /**
   * Takes the lane when free (or its holder's lease ran out); null when another
   * process holds it. Messages the previous holder left `sending` come with it,
   * in doubt, each counted as an attempt.
   */
  acquireLane(key: LaneKey, holder: string, now: Date, leaseMs: number): Promise<HeldLane | null>;
  /** Extends the lease of every lane `holder` holds. Returns how many. */
  renewLanes(holder: string, now: Date, leaseMs: number): Promise<number>;
  /** Sets when the next send may start (and renews the lease); false when `holder` no longer holds the lane. */
  paceLane(key: LaneKey, holder: string, nextSendAt: Date, leaseUntil: Date): Promise<boolean>;
  releaseLane(key: LaneKey, holder: string): Promise<void>;
  /**
   * The lane's oldest pending message due by `dueBy` (default `now`: the caller
   * sends it once the lane's next send may start), claimed (`sending`); null
   * when there is none or `holder` lost the lane.
   */
  claimNext(key: LaneKey, holder: string, now: Date, dueBy?: Date): Promise<LaneClaim | null>;
  markSent(id: string, at: Date): Promise<void>;
  /** Pending again from `nextAttemptAt`, one more attempt spent unless `spendsAttempt` is false (a 429). */
  markRetry(id: string, nextAttemptAt: Date, error: string, options?: { spendsAttempt?: boolean }): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Records that `pagesSent` pages are posted, and the posted message's platform id once known. */
  markPage(id: string, pagesSent: number, platformMessageId?: string): Promise<void>;
  /** The tenant's message queued under this dedupe key (a thread reply's parent), if any. */
  byDedupeKey(tenantId: string, dedupeKey: string): Promise<OutboxRow | null>;
  /** Back to pending without spending an attempt (claimed but not tried). */
  release(id: string, nextAttemptAt: Date): Promise<void>;
  /** Newest first. */
  list(options?: { tenantId?: string; limit?: number }): Promise<OutboxRow[]>;
  /** How many messages of every tenant are in each status (statuses with none are absent). */
  countByStatus(): Promise<Map<OutboxStatus, number>>;
}

/** Errors are stored for operators; keep them readable, not megabytes. */
const MAX_ERROR_LENGTH = 1_000;
const INTERRUPTED = "delivery interrupted (process stopped while sending)";
const clip = (error: string) => (error.length > MAX_ERROR_LENGTH ? error.slice(0, MAX_ERROR_LENGTH) : error);

export function outboxRepository(source: Pick<StoreContext, "prisma">): OutboxRepository {
  const { prisma } = source;
  const table = prisma.outboxMessage;
  const lanes = prisma.outboxLane;
  const asRows = (rows: unknown[]) => rows as OutboxRow[];
  const laneWhere = (key: LaneKey) => ({ platform: key.platform, tenantId: key.tenantId, channelId: key.channelId });

  return {
    async lanesDue(now, limit, options) {
      const soon = options.soon ?? now;
      const found: { key: LaneKey; first: number }[] = [];
      for (const platform of options.platforms) {
        const rows = await prisma.$queryRaw<{ tenantId: string; channelId: string; first: unknown }[]>`
          SELECT m."tenantId", m."channelId", MIN(m."createdAt") AS "first"
          FROM "OutboxMessage" m
          LEFT JOIN "OutboxLane" l ON l."platform" = m."platform" AND l."tenantId" = m."tenantId" AND l."channelId" = m."channelId"
          WHERE m."platform" = ${platform}
            AND ((m."status" = 'pending' AND m."nextAttemptAt" <= ${now}) OR m."status" = 'sending')
            AND (l."id" IS NULL OR ((l."holder" IS NULL OR l."leaseUntil" <= ${now}) AND l."nextSendAt" <= ${soon}))
          GROUP BY m."tenantId", m."channelId"
          ORDER BY MIN(m."createdAt")
          LIMIT ${limit}`;
        for (const row of rows)
          found.push({
            key: { platform, tenantId: row.tenantId, channelId: row.channelId },
            first: new Date(row.first as string | Date).getTime(),
          });
      }
      return found
        .sort((a, b) => a.first - b.first)
        .slice(0, limit)
        .map((f) => f.key);
    },

    async acquireLane(key, holder, now, leaseMs) {
      const where = { platform_tenantId_channelId: laneWhere(key) };
      if (!(await lanes.findUnique({ where, select: { id: true } }))) {
        try {
          await lanes.create({ data: { ...laneWhere(key), holder: null, leaseUntil: now, nextSendAt: now } });
        } catch (error) {
          // Another process created it first: fine, the update below decides who holds it.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      const leaseUntil = new Date(now.getTime() + leaseMs);
      // One conditional autocommit statement: whoever flips it first holds the lane.
      const count = await prisma.$executeRaw`UPDATE "OutboxLane" SET "holder" = ${holder}, "leaseUntil" = ${leaseUntil}
        WHERE "platform" = ${key.platform} AND "tenantId" = ${key.tenantId} AND "channelId" = ${key.channelId}
          AND ("holder" IS NULL OR "leaseUntil" <= ${now})`;
      if (count !== 1) return null;
      const lane = await lanes.findUniqueOrThrow({ where, select: { nextSendAt: true } });
      // Rows of the lane still `sending` now were claimed by an earlier holder that never recorded
      // an outcome. Each attempt counts, so a message that kills its sender every time still runs
      // out of attempts; nextAttemptAt keeps the first in-doubt claim's instant, so a lookup covers
      // every attempt that may have been posted.
      const inDoubt: LaneClaim[] = [];
      const orphans = asRows(
        await table.findMany({ where: { ...laneWhere(key), status: "sending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      );
      for (const orphan of orphans) {
        const taken = await prisma.$executeRaw`UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "lastError" = ${INTERRUPTED}
          WHERE "id" = ${orphan.id} AND "status" = 'sending' AND "attempts" = ${orphan.attempts}`;
        if (taken === 1)
          inDoubt.push({ row: { ...orphan, attempts: orphan.attempts + 1, lastError: INTERRUPTED }, inDoubtSince: orphan.nextAttemptAt });
      }
      return { ...key, nextSendAt: lane.nextSendAt, inDoubt };
    },

    async renewLanes(holder, now, leaseMs) {
      const { count } = await lanes.updateMany({ where: { holder }, data: { leaseUntil: new Date(now.getTime() + leaseMs) } });
      return count;
    },

    async paceLane(key, holder, nextSendAt, leaseUntil) {
      const { count } = await lanes.updateMany({ where: { ...laneWhere(key), holder }, data: { nextSendAt, leaseUntil } });
      return count === 1;
    },

    async releaseLane(key, holder) {
      await lanes.updateMany({ where: { ...laneWhere(key), holder }, data: { holder: null } });
    },

    async claimNext(key, holder, now, dueBy = now) {
      const conversation = laneWhere(key);
      const next = (await table.findFirst({
        where: { ...conversation, status: "pending", nextAttemptAt: { lte: dueBy } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      })) as OutboxRow | null;
      if (!next) return null;
      // Conditional on still holding the lane, in the same statement: a process that lost its
      // lane (stalled past the lease) cannot claim behind the back of the one that took it over.
      const count = await prisma.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'sending', "nextAttemptAt" = ${now}
        WHERE "id" = ${next.id} AND "status" = 'pending'
          AND EXISTS (SELECT 1 FROM "OutboxLane" WHERE "platform" = ${key.platform} AND "tenantId" = ${key.tenantId} AND "channelId" = ${key.channelId} AND "holder" = ${holder} AND "leaseUntil" > ${now})`;
      if (count !== 1) return null;
      return { row: { ...next, status: "sending", nextAttemptAt: now } };
    },

    async markSent(id, at) {
      await table.update({ where: { id }, data: { status: "sent", sentAt: at, attempts: { increment: 1 }, lastError: null } });
    },

    async markRetry(id, nextAttemptAt, error, options = {}) {
      const spent = options.spendsAttempt === false ? {} : { attempts: { increment: 1 } };
      await table.update({ where: { id }, data: { status: "pending", nextAttemptAt, ...spent, lastError: clip(error) } });
    },

    async markFailed(id, error) {
      await table.update({ where: { id }, data: { status: "failed", attempts: { increment: 1 }, lastError: clip(error) } });
    },

    async markPage(id, pagesSent, platformMessageId) {
      await table.update({ where: { id }, data: { pagesSent, ...(platformMessageId !== undefined ? { platformMessageId } : {}) } });
    },

    async byDedupeKey(tenantId, dedupeKey) {
      return (await table.findUnique({ where: { tenantId_dedupeKey: { tenantId, dedupeKey } } })) as OutboxRow | null;
    },

    async release(id, nextAttemptAt) {
      await table.updateMany({ where: { id, status: "sending" }, data: { status: "pending", nextAttemptAt } });
    },

    async list(options = {}) {
      const rows = await table.findMany({
        where: options.tenantId ? { tenantId: options.tenantId } : {},
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...(options.limit !== undefined ? { take: options.limit } : {}),
      });
      return asRows(rows);
    },

    async countByStatus() {
      const rows = await table.groupBy({ by: ["status"], _count: { _all: true } });
      return new Map(rows.map((r) => [r.status as OutboxStatus, r._count._all]));
    },
  };
}
