/**
 * Exactly-once claims on JobRun: of all callers, in any process, claiming the
 * same (job, key, slot), only the one whose insert lands gets true. Used to
 * drop Slack's retries of a command and to run each scheduled slot once.
 *
 * A claim may carry a lease. A process that dies between claiming and
 * finishing leaves its row "running"; once the lease has run out, a later
 * claim takes the row over (one conditional UPDATE, so only one taker wins)
 * and does the work again. That is safe because everything the scheduler
 * sends is deduplicated by the outbox. After MAX_CLAIM_ATTEMPTS the slot is
 * given up and recorded failed. Claims without a lease never expire.
 *
 * (job, key, slot) is unique across tenants, so keys must be globally unique
 * (Slack trigger and event ids are; scheduler keys carry their record's id).
 */
import type { TenantId } from "../../core/index.js";
import type { PrismaClient as PostgresClient } from "../../generated/postgresql/client.js";
import type { JobRun as JobRunRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";

export type ClaimStatus = "running" | "done" | "failed" | "skipped" | "missed";
export type FinishStatus = Exclude<ClaimStatus, "running">;

/** Long enough for any one tick's work, short enough that a dead holder's job still runs within the grace window. */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** The first run plus two take-overs; a job that kills its process three times is not tried again. */
export const MAX_CLAIM_ATTEMPTS = 3;

export interface ClaimLease {
  /** The caller's clock (the scheduler tick's instant). */
  now: Date;
  /** How long the claim holds before another process may take it over (default DEFAULT_LEASE_MS). */
  leaseMs?: number;
}

export interface JobClaim {
  tenantId: TenantId;
  job: string;
  key: string;
  slot: string;
  status: ClaimStatus;
  detail: string | null;
  claimedBy: string | null;
  /** 1 for the first run, +1 for each take-over. */
  attempts: number;
  /** While running with a lease: when another process may take it over. */
  leaseUntil: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ClaimsRepository {
  /**
   * True for the single caller whose claim was recorded, or who took over a
   * running claim whose lease ran out; false when it is held or finished.
   */
  claim(tenantId: TenantId, job: string, key: string, slot: string, claimedBy?: string, lease?: ClaimLease): Promise<boolean>;
  /**
   * Gives a running claim up, so the same key can be claimed again: a request
   * whose first delivery was refused or failed wrote nothing, and its next
   * delivery must be judged afresh rather than dropped.
   */
  release(tenantId: TenantId, job: string, key: string, slot: string): Promise<void>;
  /** Records the outcome and ends the lease; false when the tenant holds no such claim. */
  finish(tenantId: TenantId, job: string, key: string, slot: string, status: FinishStatus, detail?: string): Promise<boolean>;
  get(tenantId: TenantId, job: string, key: string, slot: string): Promise<JobClaim | null>;
  /** The claims of several keys for one job and slot (e.g. every prompt of a standup day). */
  findMany(tenantId: TenantId, job: string, keys: readonly string[], slot: string): Promise<JobClaim[]>;
}

function toClaim(row: JobRunRow): JobClaim {
  return {
    tenantId: row.tenantId,
    job: row.job,
    key: row.key,
    slot: row.slot,
    status: row.status as ClaimStatus,
    detail: row.detail,
    claimedBy: row.claimedBy,
    attempts: row.attempts,
    leaseUntil: row.leaseUntil,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function claimsRepository(source: Pick<StoreContext, "prisma" | "provider">): ClaimsRepository {
  const { prisma, provider } = source;

  async function insert(data: {
    tenantId: string;
    job: string;
    key: string;
    slot: string;
    claimedBy: string | null;
    leaseUntil: Date | null;
  }) {
    if (provider === "postgresql") {
      // INSERT ... ON CONFLICT DO NOTHING: the loser gets a count of 0, no error.
      // The store is typed against the SQLite client, which lacks skipDuplicates.
      const postgres = prisma as unknown as PostgresClient;
      const { count } = await postgres.jobRun.createMany({ data: [data], skipDuplicates: true });
      return count === 1;
    }
    try {
      await prisma.jobRun.create({ data, select: { id: true } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Takes over a running claim whose lease ran out. The WHERE clause is the
   * whole check: PostgreSQL re-reads a row locked by a concurrent UPDATE, sees
   * the new lease and skips it, so of several takers exactly one gets a count.
   * Raw autocommit statements: Prisma's updateMany may open a transaction, and
   * on SQLite a write lock held across awaits stalls the other connections.
   */
  async function takeOver(tenantId: string, job: string, key: string, slot: string, claimedBy: string | null, lease: ClaimLease) {
    const taken =
      await prisma.$executeRaw`UPDATE "JobRun" SET "attempts" = "attempts" + 1, "claimedBy" = ${claimedBy}, "leaseUntil" = ${leaseEnd(lease)}
      WHERE "tenantId" = ${tenantId} AND "job" = ${job} AND "key" = ${key} AND "slot" = ${slot}
        AND "status" = 'running' AND "leaseUntil" <= ${lease.now} AND "attempts" < ${MAX_CLAIM_ATTEMPTS}`;
    if (taken === 1) return true;
    // Out of attempts: stop offering the slot, and say why.
    await prisma.$executeRaw`UPDATE "JobRun" SET "status" = 'failed', "detail" = ${`gave up after ${MAX_CLAIM_ATTEMPTS} attempts`}, "leaseUntil" = NULL, "finishedAt" = ${lease.now}
      WHERE "tenantId" = ${tenantId} AND "job" = ${job} AND "key" = ${key} AND "slot" = ${slot}
        AND "status" = 'running' AND "leaseUntil" <= ${lease.now} AND "attempts" >= ${MAX_CLAIM_ATTEMPTS}`;
    return false;
  }

  return {
    // Each claim is its own statement outside any transaction, so a lost race
    // cannot abort work around it (a failed statement poisons a PostgreSQL transaction).
    async claim(tenantId, job, key, slot, claimedBy, lease) {
      const by = claimedBy ?? null;
      if (await insert({ tenantId, job, key, slot, claimedBy: by, leaseUntil: lease ? leaseEnd(lease) : null })) return true;
      return lease ? takeOver(tenantId, job, key, slot, by, lease) : false;
    },

    async release(tenantId, job, key, slot) {
      await prisma.$executeRaw`DELETE FROM "JobRun" WHERE "tenantId" = ${tenantId} AND "job" = ${job} AND "key" = ${key} AND "slot" = ${slot} AND "status" = 'running'`;
    },

    async finish(tenantId, job, key, slot, status, detail) {
      const { count } = await prisma.jobRun.updateMany({
        where: { tenantId, job, key, slot },
        data: { status, detail: detail ?? null, leaseUntil: null, finishedAt: new Date() },
      });
      return count > 0;
    },

    async get(tenantId, job, key, slot) {
      const row = await prisma.jobRun.findFirst({ where: { tenantId, job, key, slot } });
      return row ? toClaim(row) : null;
    },

    async findMany(tenantId, job, keys, slot) {
      if (!keys.length) return [];
      const rows = await prisma.jobRun.findMany({ where: { tenantId, job, slot, key: { in: [...keys] } }, orderBy: { key: "asc" } });
      return rows.map(toClaim);
    },
  };
}

const leaseEnd = (lease: ClaimLease): Date => new Date(lease.now.getTime() + (lease.leaseMs ?? DEFAULT_LEASE_MS));
