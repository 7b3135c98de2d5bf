/** What a scheduler tick works with and what it reports: shared by the tick and each kind of scheduled work it runs. */
import type { Logger, TenantId, OutboxQueue, Store } from "../core/index.js";
import type { Database } from "../store/database.js";
import type { ClaimsRepository } from "../store/repositories/claims.js";

export interface TickDeps {
  db: Pick<Database, "prisma">;
  store: Store;
  claims: ClaimsRepository;
  outbox: OutboxQueue;
  log: Logger;
  /** Written to JobRun.claimedBy: which process did the work. */
  worker?: string;
}

export type TickOutcome = "done" | "missed" | "skipped" | "failed" | "already-claimed";

export interface TickResult {
  tenantId: TenantId;
  job: string;
  key: string;
  slot: string;
  /** The occurrence's instant (UTC ISO). */
  due: string;
  outcome: TickOutcome;
  detail?: string;
}
