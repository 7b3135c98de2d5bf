/**
 * Every change goes through `write`: one interactive transaction holding the
 * change and its AuditEvent, so a failure leaves neither behind.
 */
import type { Scope } from "../core/store.js";
import type { StoreContext, Tx } from "./client.js";
import { isUniqueViolation } from "./errors.js";
import { toAuditJson } from "./json.js";

export interface AuditEntry {
  /** What happened, e.g. "cost.add". */
  action: string;
  entity: string;
  entityId: string;
  projectId: string | null;
  before?: unknown;
  after?: unknown;
}

export type Audit = (entry: AuditEntry) => Promise<void>;

export interface WriteOptions {
  /**
   * Re-run the whole transaction when it hits a unique violation: two writers
   * allocated the same per-project number, the later one tries the next.
   */
  retryOnUnique?: boolean;
  /**
   * How long the transaction may run, when more than the client's default
   * (database.ts): a write whose work grows with its input (an import) gets
   * a limit that grows with it.
   */
  timeoutMs?: number;
}

const MAX_ATTEMPTS = 20;
/** As database.ts waits for a turn: a longer limit changes how long the write may run, not how long it queues. */
const TRANSACTION_MAX_WAIT_MS = 10_000;

export async function write<T>(
  ctx: StoreContext,
  scope: Scope,
  work: (tx: Tx, audit: Audit) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.prisma.$transaction(async (tx) => {
        if (ctx.provider === "sqlite") await takeSqliteWriteLock(tx);
        const audit: Audit = async (entry) => {
          await tx.auditEvent.create({
            data: {
              tenantId: scope.tenantId,
              actorId: scope.actorId,
              projectId: entry.projectId,
              action: entry.action,
              entity: entry.entity,
              entityId: entry.entityId,
              before: toAuditJson(entry.before),
              after: toAuditJson(entry.after),
            },
          });
        };
        return work(tx, audit);
      }, options.timeoutMs !== undefined ? { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: options.timeoutMs } : undefined);
    } catch (error) {
      if (!options.retryOnUnique || !isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 5 * attempt));
    }
  }
}

/**
 * The SQLite adapter opens transactions with a deferred BEGIN. A transaction
 * that reads first and writes later fails with SQLITE_BUSY when another
 * process wrote in between, without waiting. Writing first takes the write
 * lock up front (waiting out the busy timeout), like BEGIN IMMEDIATE.
 */
async function takeSqliteWriteLock(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`UPDATE "Tenant" SET "id" = "id" WHERE 0`);
}
