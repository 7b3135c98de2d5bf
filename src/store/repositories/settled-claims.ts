/**
 * The claims of a range of slots that no claim attempt could win: finished,
 * or running under a lease that has not run out, or without a lease. Read in
 * one query, one string per row (built by the database: at ten thousand
 * schedules this is ~40,000 rows a minute, and whole row objects would cost
 * more than the query).
 */
import type { TenantId } from "../../core/index.js";
import type { Database } from "../database.js";

const SEPARATOR = "\u001f";

/** The key settledClaimKeys returns for one claim. */
export const settledKey = (job: string, key: string, slot: string) => `${job}${SEPARATOR}${key}${SEPARATOR}${slot}`;

export interface SettledRange {
  /** Slots (local dates) from and to, both included. */
  firstSlot: string;
  lastSlot: string;
  /** A running claim whose lease ran out by then is not settled. */
  at: Date;
  tenantId?: TenantId;
}

export async function settledClaimKeys(db: Pick<Database, "prisma">, range: SettledRange): Promise<Set<string>> {
  const { firstSlot: first, lastSlot: last, at } = range;
  // The one kind a claim attempt can win is left out: running, and its lease has run out.
  const rows =
    range.tenantId === undefined
      ? await db.prisma.$queryRaw<{ k: string }[]>`SELECT "job" || ${SEPARATOR} || "key" || ${SEPARATOR} || "slot" AS "k" FROM "JobRun"
          WHERE "slot" >= ${first} AND "slot" <= ${last}
            AND NOT ("status" = 'running' AND "leaseUntil" IS NOT NULL AND "leaseUntil" <= ${at})`
      : await db.prisma.$queryRaw<{ k: string }[]>`SELECT "job" || ${SEPARATOR} || "key" || ${SEPARATOR} || "slot" AS "k" FROM "JobRun"
          WHERE "slot" >= ${first} AND "slot" <= ${last} AND "tenantId" = ${range.tenantId}
            AND NOT ("status" = 'running' AND "leaseUntil" IS NOT NULL AND "leaseUntil" <= ${at})`;
  return new Set(rows.map((r) => r.k));
}
