import { describe, expect, it } from "vitest";
import { createRateLimiter, TokenBucket } from "../../src/core/rate-limit.js";
import { ConfigError, loadConfig, rateLimitsOf } from "../../src/config.js";

const MINUTE = 60_000;

describe("TokenBucket", () => {
  it("starts full, empties one token a take and refills at its pace", () => {
    const bucket = new TokenBucket(10, 30 / MINUTE, 0);
    for (let i = 0; i < 10; i++) {
      expect(bucket.waitMs(0)).toBe(0);
      bucket.take(0);
    }
    // 30 a minute = one every 2 s.
    expect(bucket.waitMs(0)).toBe(2000);
    expect(bucket.waitMs(1500)).toBe(500);
    expect(bucket.waitMs(2000)).toBe(0);
    expect(bucket.isFull(2000)).toBe(false);
    expect(bucket.isFull(20_000)).toBe(true);
  });

  it("never holds more than its capacity, and a clock going back adds nothing", () => {
    const bucket = new TokenBucket(2, 1 / 1000, 10_000);
    bucket.take(10_000);
    bucket.take(10_000);
    expect(bucket.waitMs(5_000)).toBe(1000);
    expect(bucket.waitMs(1_000_000)).toBe(0);
    bucket.take(1_000_000);
    bucket.take(1_000_000);
    expect(bucket.waitMs(1_000_000)).toBe(1000);
  });
});

describe("createRateLimiter", () => {
  const limits = { userPerMinute: 30, userBurst: 10, tenantPerMinute: 60, tenantBurst: 15 };

  it("lets a burst through, refuses the next with the wait, and lets another person go on", () => {
    const limiter = createRateLimiter(limits);
    for (let i = 0; i < 10; i++) expect(limiter.take("t1", "ann", 0)).toEqual({ ok: true });
    expect(limiter.take("t1", "ann", 0)).toEqual({ ok: false, scope: "user", retryAfterMs: 2000 });
    expect(limiter.take("t1", "bob", 0)).toEqual({ ok: true });
    expect(limiter.take("t2", "ann", 0)).toEqual({ ok: true });
    // A refused command costs nothing: after the wait one goes through.
    expect(limiter.take("t1", "ann", 2000)).toEqual({ ok: true });
  });

  it("limits a whole workspace across its people", () => {
    const limiter = createRateLimiter(limits);
    for (let i = 0; i < 15; i++) expect(limiter.take("t1", `user-${i}`, 0).ok).toBe(true);
    expect(limiter.take("t1", "someone-new", 0)).toEqual({ ok: false, scope: "tenant", retryAfterMs: 1000 });
    expect(limiter.take("t2", "someone-new", 0).ok).toBe(true);
  });

  it("turns a limit off at 0", () => {
    const limiter = createRateLimiter({ userPerMinute: 0, userBurst: 0, tenantPerMinute: 0, tenantBurst: 0 });
    for (let i = 0; i < 1000; i++) expect(limiter.take("t1", "ann", 0).ok).toBe(true);
  });

  it("keeps at most maxBuckets and forgets full ones, which changes nothing", () => {
    const limiter = createRateLimiter({ ...limits, tenantPerMinute: 0 }, { maxBuckets: 3, sweepEveryMs: MINUTE });
    for (let i = 0; i < 10; i++) limiter.take("t1", "ann", 0);
    expect(limiter.take("t1", "ann", 0).ok).toBe(false);
    // Three others push ann's bucket out; she starts over with a full bucket.
    for (const who of ["b", "c", "d"]) limiter.take("t1", who, 0);
    expect(limiter.take("t1", "ann", 0).ok).toBe(true);
    // Swept after a minute: every bucket is full again by then.
    expect(limiter.take("t1", "ann", MINUTE).ok).toBe(true);
  });
});

describe("rate limit configuration", () => {
  it("defaults to 30 a minute (burst 10) per person and 600 a minute (burst 100) per workspace", () => {
    expect(rateLimitsOf(loadConfig({}))).toEqual({ userPerMinute: 30, userBurst: 10, tenantPerMinute: 600, tenantBurst: 100 });
  });

  it("reads the variables, 0 included", () => {
    const config = loadConfig({
      RATE_LIMIT_USER_PER_MINUTE: "0",
      RATE_LIMIT_USER_BURST: "5",
      RATE_LIMIT_TENANT_PER_MINUTE: "1200",
      RATE_LIMIT_TENANT_BURST: "50",
    });
    expect(rateLimitsOf(config)).toEqual({ userPerMinute: 0, userBurst: 5, tenantPerMinute: 1200, tenantBurst: 50 });
  });

  it("names the variable and what it expects", () => {
    for (const value of ["-1", "fast", "2.5"]) {
      const error = (() => {
        try {
          loadConfig({ RATE_LIMIT_USER_PER_MINUTE: value });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        "RATE_LIMIT_USER_PER_MINUTE: expected a whole number of commands a minute per person, 0 or more (0 turns the limit off)",
      ]);
    }
  });
});
