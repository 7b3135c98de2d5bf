/**
 * The claims a tick need not try. Most of what a tick looks at was claimed
 * by an earlier tick (every occurrence of the last 24 h is looked at every
 * minute), and a claim attempt is a write that fails. So a tick reads, in one
 * query, every claim of its look-back that no claim attempt could win (finished,
 * or running under a lease that has not run out, or without a lease) and answers
 * those from memory; everything else still goes through the real claim, so
 * exactly-once stays with the database. Claims recorded after the read are
 * simply tried, as before.
 */
import type { DateTime } from "luxon";
import type { TenantId } from "../core/index.js";
import type { Database } from "../store/database.js";
import type { ClaimsRepository } from "../store/repositories/claims.js";
import { settledClaimKeys, settledKey } from "../store/repositories/settled-claims.js";

/**
 * Slots are local dates. An occurrence within the look-back falls, in any zone
 * (UTC-12 to UTC+14), on a local date between these two; the extra days cover
 * a standup's answer window reaching past midnight.
 */
const DAYS_BACK = 3;
const DAYS_AHEAD = 1;

export async function settledClaims(
  db: Pick<Database, "prisma">,
  now: DateTime,
  filter: { tenantId?: TenantId } = {},
): Promise<Set<string>> {
  const day = now.toUTC().startOf("day");
  return settledClaimKeys(db, {
    firstSlot: day.minus({ days: DAYS_BACK }).toISODate()!,
    lastSlot: day.plus({ days: DAYS_AHEAD }).toISODate()!,
    at: now.toJSDate(),
    ...filter,
  });
}

/** `claims`, answering "already claimed" for the settled ones without a write. */
export function skippingSettled(claims: ClaimsRepository, settled: ReadonlySet<string>): ClaimsRepository {
  return {
    ...claims,
    async claim(tenantId, job, key, slot, claimedBy, lease) {
      if (settled.has(settledKey(job, key, slot))) return false;
      return claims.claim(tenantId, job, key, slot, claimedBy, lease);
    },
  };
}
