/**
 * Exactly-once claims on JobRun: of all callers, in any process, claiming the
 * same (job, key, slot), only the one whose insert lands gets true. Used to
 * drop Slack's retries of a command and to run each scheduled slot once.
 *
 * (job, key, slot) is unique across tenants, so keys must be globally unique
 * (Slack trigger and event ids are; scheduler keys carry their record's id).
 */
import type { TenantId } from "../../core/context.js";
import type { PrismaClient as PostgresClient } from "../../generated/postgresql/client.js";
import type { JobRun as JobRunRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";

export type ClaimStatus = "running" | "done" | "failed" | "skipped" | "missed";
export type FinishStatus = Exclude<ClaimStatus, "running">;

export interface JobClaim {
  tenantId: TenantId;
  job: string;
  key: string;
  slot: string;
  status: ClaimStatus;
  detail: string | null;
  claimedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ClaimsRepository {
  /** True for the single caller whose claim was recorded; false when it was already claimed. */
  claim(tenantId: TenantId, job: string, key: string, slot: string, claimedBy?: string): Promise<boolean>;
  /** Records the outcome; false when the tenant holds no such claim. */
  finish(tenantId: TenantId, job: string, key: string, slot: string, status: FinishStatus, detail?: string): Promise<boolean>;
  get(tenantId: TenantId, job: string, key: string, slot: string): Promise<JobClaim | null>;
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
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function claimsRepository(source: Pick<StoreContext, "prisma" | "provider">): ClaimsRepository {
  const { prisma, provider } = source;

  return {
    // Each claim is its own statement outside any transaction, so a lost race
    // cannot abort work around it (a failed statement poisons a PostgreSQL transaction).
    async claim(tenantId, job, key, slot, claimedBy) {
      const data = { tenantId, job, key, slot, claimedBy: claimedBy ?? null };
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
    },

    async finish(tenantId, job, key, slot, status, detail) {
      const { count } = await prisma.jobRun.updateMany({
        where: { tenantId, job, key, slot },
        data: { status, detail: detail ?? null, finishedAt: new Date() },
      });
      return count > 0;
    },

    async get(tenantId, job, key, slot) {
      const row = await prisma.jobRun.findFirst({ where: { tenantId, job, key, slot } });
      return row ? toClaim(row) : null;
    },
  };
}
