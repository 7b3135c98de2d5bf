/**
 * Every change goes through `write`: one interactive transaction holding the
 * change and its AuditEvent, so a failure leaves neither behind. Inside
 * `store.transaction` a write joins the transaction already open instead, so
 * several writes (and their audit events) commit or roll back together.
 */
import type { Scope } from "../core/index.js";
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
   * Inside `store.transaction` the transaction that is re-run is the outer
   * one, callback and all.
   */
  retryOnUnique?: boolean;
  /**
   * How long the transaction may run, when more than the client's default
   * (database.ts): a write whose work grows with its input (an import) gets
   * a limit that grows with it. Inside `store.transaction` the outer
   * transaction's limit applies.
   */
  timeoutMs?: number;
}

const MAX_ATTEMPTS = 20;
/** As database.ts waits for a turn: a longer limit changes how long the write may run, not how long it queues. */
const TRANSACTION_MAX_WAIT_MS = 10_000;

/**
 * Unique violations raised inside a joined transaction by work that asked to
 * be retried on them: the outer transaction retries for it.
 */
const retryable = new WeakSet<object>();

export async function write<T>(
  ctx: StoreContext,
  scope: Scope,
  work: (tx: Tx, audit: Audit) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const open = ctx.open;
  if (open) {
    if (scope.tenantId !== open.tenantId) throw new Error("A store transaction writes for one tenant; this write is for another.");
    return joined(options, () => work(open.tx, auditOf(open.tx, scope)));
  }
  return inTransaction(ctx, options, (tx) => work(tx, auditOf(tx, scope)));
}

/**
 * Runs `work` in one new interactive transaction, taking SQLite's write lock
 * first. Re-runs it on a unique violation when asked to, or when work that
 * joined it asked to.
 */
export async function inTransaction<T>(ctx: StoreContext, options: WriteOptions, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.prisma.$transaction(
        async (tx) => {
          if (ctx.provider === "sqlite") await takeSqliteWriteLock(tx);
          return work(tx);
        },
        options.timeoutMs !== undefined ? { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: options.timeoutMs } : undefined,
      );
    } catch (error) {
      const retry = isUniqueViolation(error) && (options.retryOnUnique || retryable.has(error as object));
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 5 * attempt));
    }
  }
}

/**
 * Work that joins an open transaction: it cannot be retried by itself (on
 * PostgreSQL the violation aborted the transaction), so a unique violation it
 * wants retried is marked for the outer transaction to retry.
 */
export async function joined<T>(options: Pick<WriteOptions, "retryOnUnique">, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (options.retryOnUnique && isUniqueViolation(error)) retryable.add(error as object);
    throw error;
  }
}

function auditOf(tx: Tx, scope: Scope): Audit {
  return async (entry) => {
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
