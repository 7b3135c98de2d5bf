/**
 * Command rate limits: a token bucket per person (tenant + member) and one
 * per tenant. Buckets live in this process's memory: with several replicas
 * each enforces its own share, so the effective limit is up to N times the
 * configured one. That is enough to stop a runaway script or a stuck client
 * without a shared store on every command.
 */

export interface RateLimits {
  /** Commands a person may run per minute, sustained; 0 = no per-person limit. */
  userPerMinute: number;
  /** How many a person may run at once before the per-minute pace applies. */
  userBurst: number;
  /** Commands a whole workspace may run per minute; 0 = no workspace limit. */
  tenantPerMinute: number;
  tenantBurst: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { userPerMinute: 30, userBurst: 10, tenantPerMinute: 600, tenantBurst: 100 };

export type RateVerdict = { ok: true } | { ok: false; scope: "user" | "tenant"; retryAfterMs: number };

/** What the core asks before running a command; `now` is the command's clock (epoch ms). */
export interface RateLimiter {
  take(tenant: string, memberId: string, now: number): RateVerdict;
}

/** A bucket of `capacity` tokens refilled at `perMs` tokens per millisecond. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly capacity: number,
    readonly perMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  private refill(now: number): void {
    // A clock that goes back (another replica's skew, a test) never adds tokens.
    if (now > this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) * this.perMs);
      this.at = now;
    }
  }

  /** Milliseconds until a token is there (0 = one is there now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Full again: forgetting it changes nothing, since a new bucket starts full. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}

const MINUTE = 60_000;

export interface LimiterOptions {
  /** Most buckets kept; beyond it the least recently used are forgotten (default 100,000). */
  maxBuckets?: number;
  /** How often full buckets are swept out (default every minute of the injected clock). */
  sweepEveryMs?: number;
}

/** Per-person and per-workspace limits; one instance per process, shared by every adapter. */
export function createRateLimiter(limits: RateLimits = DEFAULT_RATE_LIMITS, options: LimiterOptions = {}): RateLimiter {
  const maxBuckets = options.maxBuckets ?? 100_000;
  const sweepEveryMs = options.sweepEveryMs ?? MINUTE;
  // Map order is use order: re-inserting on each use makes the first entry the least recently used.
  const buckets = new Map<string, TokenBucket>();
  let lastSweep = -Infinity;

  function bucket(key: string, perMinute: number, burst: number, now: number): TokenBucket {
    let found = buckets.get(key);
    if (found) buckets.delete(key);
    else found = new TokenBucket(Math.max(1, burst), perMinute / MINUTE, now);
    buckets.set(key, found);
    while (buckets.size > maxBuckets) buckets.delete(buckets.keys().next().value!);
    return found;
  }

  function sweep(now: number): void {
    if (now - lastSweep < sweepEveryMs) return;
    lastSweep = now;
    for (const [key, b] of buckets) if (b.isFull(now)) buckets.delete(key);
  }

  return {
    take(tenant, memberId, now) {
      sweep(now);
      const user =
        limits.userPerMinute > 0 ? bucket(`u\u0000${tenant}\u0000${memberId}`, limits.userPerMinute, limits.userBurst, now) : null;
      const workspace = limits.tenantPerMinute > 0 ? bucket(`t\u0000${tenant}`, limits.tenantPerMinute, limits.tenantBurst, now) : null;
      // A refused command costs nothing, so waiting the time we name is enough.
      const userWait = user?.waitMs(now) ?? 0;
      if (userWait > 0) return { ok: false, scope: "user", retryAfterMs: userWait };
      const tenantWait = workspace?.waitMs(now) ?? 0;
      if (tenantWait > 0) return { ok: false, scope: "tenant", retryAfterMs: tenantWait };
      user?.take(now);
      workspace?.take(now);
      return { ok: true };
    },
  };
}
