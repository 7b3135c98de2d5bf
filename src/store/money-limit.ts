/**
 * Sums of stored amounts, computed so that no database can overflow on them,
 * and the refusal of a write that would take a project's sum to the money
 * limit (core/domain/money.ts).
 *
 * SQLite's SUM over integers raises "integer overflow" past 2^63, and
 * PostgreSQL's SUM(bigint) returns numeric. Each amount is summed in two
 * parts (amount / 10^9 and amount % 10^9, both truncating toward zero on
 * either database, so high * 10^9 + low is the amount again), each part read
 * back as text: exact for any amounts a column can hold, even rows written
 * before the limit existed.
 */
import { StoreConflict, overMoneyLimitMessage, withinMoneyLimit } from "../core/index.js";
import type { Client } from "./database.js";
import type { Tx } from "./client.js";
import { notFound } from "./errors.js";

const SPLIT = 1_000_000_000n;

export interface CategorySum {
  category: string;
  total: bigint;
  count: number;
  firstOn: string | null;
  lastOn: string | null;
}

interface SumRow {
  category: string;
  high: string | null;
  low: string | null;
  count: string;
  firstOn: string | null;
  lastOn: string | null;
}

/** The project's costs summed per category, overflow-free. */
export async function costSumsByCategory(db: Tx | Client, tenantId: string, projectId: string): Promise<CategorySum[]> {
  const rows = await db.$queryRaw<SumRow[]>`
    SELECT "category",
           CAST(SUM("amount" / 1000000000) AS TEXT) AS "high",
           CAST(SUM("amount" % 1000000000) AS TEXT) AS "low",
           CAST(COUNT(*) AS TEXT) AS "count",
           MIN("incurredOn") AS "firstOn",
           MAX("incurredOn") AS "lastOn"
    FROM "CostEntry"
    WHERE "tenantId" = ${tenantId} AND "projectId" = ${projectId}
    GROUP BY "category"`;
  return rows.map((row) => ({
    category: row.category,
    total: BigInt(row.high ?? "0") * SPLIT + BigInt(row.low ?? "0"),
    count: Number(row.count),
    firstOn: row.firstOn,
    lastOn: row.lastOn,
  }));
}

/** The project's cost total, overflow-free. */
export async function costTotal(db: Tx | Client, tenantId: string, projectId: string): Promise<bigint> {
  return (await costSumsByCategory(db, tenantId, projectId)).reduce((sum, c) => sum + c.total, 0n);
}

/**
 * Takes the project row's lock (a no-op update) and reads its name and
 * currency: on PostgreSQL a second writer of the project's money waits here
 * until the first commits, so two concurrent writes cannot both find room
 * under the limit. (SQLite writers are serialised by `write` already.)
 */
export async function lockProjectMoney(tx: Tx, tenantId: string, projectId: string): Promise<{ name: string; currency: string }> {
  // One round trip: the no-op update takes the lock and answers with what the message needs.
  const [project] = await tx.$queryRaw<{ name: string; currency: string }[]>`
    UPDATE "Project" SET "tenantId" = "tenantId" WHERE "id" = ${projectId} AND "tenantId" = ${tenantId} RETURNING "name", "currency"`;
  if (!project) throw notFound("Project");
  return project;
}

/**
 * Refuses (StoreConflict "limit", so the transaction rolls back) a sum that
 * would reach the money limit. `what` names the sum: "Apollo's costs".
 */
export function refuseOverLimit(total: bigint, what: string, currency: string): void {
  if (!withinMoneyLimit(total)) throw new StoreConflict("limit", overMoneyLimitMessage(what, total, currency));
}
