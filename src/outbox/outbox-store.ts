/**
 * The delivery side of the outbox table: claiming due messages, recording
 * each send's outcome, and listing what was queued.
 *
 * Claims are safe across processes and replicas: each row is taken with a
 * conditional update (`WHERE id = ? AND status = 'pending'`), and only rows
 * whose update count is 1 belong to the caller. A claimed row's
 * nextAttemptAt becomes its lease deadline, so rows left `sending` by a
 * crashed process are found (status sending, deadline passed) and put back.
 */
import type { Reply } from "../core/views/reply.js";
import type { StoreContext } from "../store/client.js";
import type { OutboxPlatform } from "./notifier.js";

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface OutboxRow {
  id: string;
  tenantId: string;
  platform: OutboxPlatform;
  channelId: string;
  kind: string;
  dedupeKey: string;
  /** The Reply as stored JSON; see deserializeReply. */
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

export interface OutboxStore {
  /** Takes up to `limit` due pending messages (oldest first), marking them `sending`. */
  claimDue(now: Date, limit: number, options?: { platforms?: readonly OutboxPlatform[]; leaseMs?: number }): Promise<OutboxRow[]>;
  markSent(id: string, at: Date): Promise<void>;
  /** One more attempt spent; pending again from `nextAttemptAt`. */
  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Records that `pagesSent` pages are posted, and the posted message's platform id once known. */
  markPage(id: string, pagesSent: number, platformMessageId?: string): Promise<void>;
  /** The tenant's message queued under this dedupe key (a thread reply's parent), if any. */
  byDedupeKey(tenantId: string, dedupeKey: string): Promise<OutboxRow | null>;
  /** Back to pending without spending an attempt (claimed but not tried). */
  release(id: string, nextAttemptAt: Date): Promise<void>;
  /** Rows still `sending` after their lease: their process died. Returns how many went back to pending. */
  recoverStale(now: Date): Promise<number>;
  /** Newest first. */
  list(options?: { tenantId?: string; limit?: number }): Promise<OutboxRow[]>;
}

/** How long a claim may stay `sending` before another process may take the row over. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Errors are stored for operators; keep them readable, not megabytes. */
const MAX_ERROR_LENGTH = 1_000;
const clip = (error: string) => (error.length > MAX_ERROR_LENGTH ? error.slice(0, MAX_ERROR_LENGTH) : error);

/** Stored JSON -> Reply: the inverse of serializeReply (bytes, an image's PNG or a file's contents, come back as Uint8Array). */
export function deserializeReply(payload: string): Reply {
  return JSON.parse(payload, (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const png = (value as { png?: unknown }).png;
      if (keys.length === 1 && typeof png === "string") return new Uint8Array(Buffer.from(png, "base64"));
    }
    return value;
  }) as Reply;
}

export function outboxStore(source: Pick<StoreContext, "prisma">): OutboxStore {
  const { prisma } = source;
  const table = prisma.outboxMessage;
  const asRows = (rows: unknown[]) => rows as OutboxRow[];

  return {
    async claimDue(now, limit, options = {}) {
      const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
      const candidates = await table.findMany({
        where: {
          status: "pending",
          nextAttemptAt: { lte: now },
          ...(options.platforms ? { platform: { in: [...options.platforms] } } : {}),
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      const claimed: OutboxRow[] = [];
      // One conditional update per row: whoever flips pending -> sending first owns it.
      for (const row of asRows(candidates)) {
        // One autocommit statement: Prisma's updateMany may open a transaction, and on
        // SQLite a write lock held across awaits stalls other connections.
        const count = await prisma.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'sending', "nextAttemptAt" = ${leaseUntil} WHERE "id" = ${row.id} AND "status" = 'pending'`;
        if (count === 1) claimed.push({ ...row, status: "sending", nextAttemptAt: leaseUntil });
      }
      return claimed;
    },

    async markSent(id, at) {
      await table.update({ where: { id }, data: { status: "sent", sentAt: at, attempts: { increment: 1 }, lastError: null } });
    },

    async markRetry(id, nextAttemptAt, error) {
      await table.update({ where: { id }, data: { status: "pending", nextAttemptAt, attempts: { increment: 1 }, lastError: clip(error) } });
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

    async recoverStale(now) {
      // The attempt counts: a message that crashes its sender every time must still run out of attempts.
      const { count } = await table.updateMany({
        where: { status: "sending", nextAttemptAt: { lte: now } },
        data: { status: "pending", nextAttemptAt: now, attempts: { increment: 1 }, lastError: "delivery interrupted (process stopped while sending)" },
      });
      return count;
    },

    async list(options = {}) {
      const rows = await table.findMany({
        where: options.tenantId ? { tenantId: options.tenantId } : {},
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...(options.limit !== undefined ? { take: options.limit } : {}),
      });
      return asRows(rows);
    },
  };
}
