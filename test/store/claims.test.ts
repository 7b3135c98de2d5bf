import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.js";
import { claimsRepository, type ClaimsRepository } from "../../src/store/repositories/claims.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createTenant, unique } from "./fixtures.js";

describeEachProvider("store job claims", (provider) => {
  let t: TestDatabase;
  let claims: ClaimsRepository;
  /** Separate clients on the same database: their own connections, like other processes. */
  let others: Database[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    claims = claimsRepository(t.db);
    others = await Promise.all([openDatabase(t.url), openDatabase(t.url), openDatabase(t.url)]);
  });
  afterAll(async () => {
    await Promise.all(others.map((db) => db.close()));
    await t?.drop();
  });

  it("gives the first claim true and every later one false", async () => {
    const tenantId = unique("T");
    const key = unique("trigger");
    expect(await claims.claim(tenantId, "slack:command", key, "", "worker-1")).toBe(true);
    expect(await claims.claim(tenantId, "slack:command", key, "", "worker-2")).toBe(false);
    expect(await claims.claim(tenantId, "slack:command", key, "")).toBe(false);
    expect(await claims.get(tenantId, "slack:command", key, "")).toEqual({
      tenantId,
      job: "slack:command",
      key,
      slot: "",
      status: "running",
      detail: null,
      claimedBy: "worker-1",
      attempts: 1,
      leaseUntil: null,
      startedAt: expect.any(Date),
      finishedAt: null,
    });
  });

  it("releases a running claim of its own tenant only, so the key can be claimed again; a finished claim stays", async () => {
    const tenantId = unique("T");
    const key = unique("view");
    expect(await claims.claim(tenantId, "slack:view", key, "")).toBe(true);
    await claims.release(unique("T"), "slack:view", key, "");
    expect(await claims.claim(tenantId, "slack:view", key, "")).toBe(false);
    await claims.release(tenantId, "slack:view", key, "");
    expect(await claims.get(tenantId, "slack:view", key, "")).toBeNull();
    expect(await claims.claim(tenantId, "slack:view", key, "")).toBe(true);
    expect(await claims.finish(tenantId, "slack:view", key, "", "done")).toBe(true);
    await claims.release(tenantId, "slack:view", key, "");
    expect(await claims.claim(tenantId, "slack:view", key, "")).toBe(false);
  });

  it("treats another job, key or slot as a separate claim", async () => {
    const tenantId = unique("T");
    const key = unique("k");
    expect(await claims.claim(tenantId, "standup", key, "2026-11-26T09:00:00Z")).toBe(true);
    expect(await claims.claim(tenantId, "standup", key, "2026-11-27T09:00:00Z")).toBe(true);
    expect(await claims.claim(tenantId, "digest", key, "2026-11-26T09:00:00Z")).toBe(true);
    expect(await claims.claim(tenantId, "standup", unique("k"), "2026-11-26T09:00:00Z")).toBe(true);
  });

  it("lets exactly one of 10 simultaneous claims win on one pool", async () => {
    for (let round = 0; round < 5; round++) {
      const tenantId = unique("T");
      const key = unique("trigger");
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claims.claim(tenantId, "slack:command", key, "", `w${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await claims.get(tenantId, "slack:command", key, ""))?.claimedBy).toBe(`w${winner}`);
    }
  });

  it("lets exactly one claim win across separate connections", async () => {
    const repos = [claims, ...others.map((db) => claimsRepository(db))];
    for (let round = 0; round < 5; round++) {
      const tenantId = unique("T");
      const slot = new Date(Date.UTC(2026, 10, 26, 9, round)).toISOString();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          repos[i % repos.length]!.claim(tenantId, "standup", "schedule-1", slot, `process-${i % repos.length}`),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it("leaves the connection usable after a lost claim", async () => {
    const tenant = await createTenant(t.store);
    const key = unique("trigger");
    expect(await claims.claim(tenant.tenantId, "slack:command", key, "")).toBe(true);
    expect(await claims.claim(tenant.tenantId, "slack:command", key, "")).toBe(false);
    // A write transaction right after still commits.
    const project = await t.store.projects.create(tenant.scope, { name: unique("After claim"), currency: "EUR" });
    expect(await t.store.projects.get(tenant.tenantId, project.id)).not.toBeNull();
  });

  it("records how a claim finished", async () => {
    const tenantId = unique("T");
    const key = unique("k");
    await claims.claim(tenantId, "digest", key, "2026-11-26");
    const before = await claims.get(tenantId, "digest", key, "2026-11-26");
    expect(await claims.finish(tenantId, "digest", key, "2026-11-26", "failed", "Slack answered channel_not_found")).toBe(true);
    const after = await claims.get(tenantId, "digest", key, "2026-11-26");
    expect(after).toMatchObject({ status: "failed", detail: "Slack answered channel_not_found", startedAt: before!.startedAt });
    expect(after!.finishedAt).toBeInstanceOf(Date);
    for (const status of ["done", "skipped", "missed"] as const) {
      await claims.finish(tenantId, "digest", key, "2026-11-26", status);
      expect(await claims.get(tenantId, "digest", key, "2026-11-26")).toMatchObject({ status, detail: null });
    }
    // Finishing does not free the slot.
    expect(await claims.claim(tenantId, "digest", key, "2026-11-26")).toBe(false);
  });

  it("keeps claims to their tenant", async () => {
    const a = unique("T");
    const b = unique("T");
    const key = unique("k");
    await claims.claim(a, "digest", key, "s");
    expect(await claims.get(b, "digest", key, "s")).toBeNull();
    expect(await claims.finish(b, "digest", key, "s", "done")).toBe(false);
    expect(await claims.get(a, "digest", key, "s")).toMatchObject({ status: "running" });
    // Keys are global: another tenant cannot take the same job, key and slot either.
    expect(await claims.claim(b, "digest", key, "s")).toBe(false);
    expect(await claims.get(b, "digest", key, "s")).toBeNull();
  });

  describe("leases", () => {
    const T = new Date("2026-06-15T07:00:00Z");
    const plus = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
    const lease = (minutes: number) => ({ now: plus(minutes), leaseMs: 10 * 60_000 });

    it("never expires a claim taken without a lease (Slack retry dedupe)", async () => {
      const tenantId = unique("T");
      const key = unique("trigger");
      expect(await claims.claim(tenantId, "slack:command", key, "", "worker-1")).toBe(true);
      expect(await claims.claim(tenantId, "slack:command", key, "", "worker-2", { now: new Date("2099-01-01T00:00:00Z") })).toBe(false);
      expect(await claims.get(tenantId, "slack:command", key, "")).toMatchObject({
        claimedBy: "worker-1",
        attempts: 1,
        leaseUntil: null,
        status: "running",
      });
    });

    it("takes over a running claim only once its lease has run out, counting the attempt", async () => {
      const tenantId = unique("T");
      const key = unique("k");
      expect(await claims.claim(tenantId, "standup-prompt", key, "2026-06-15", "dead", lease(0))).toBe(true);
      expect((await claims.get(tenantId, "standup-prompt", key, "2026-06-15"))?.leaseUntil).toEqual(plus(10));
      expect(await claims.claim(tenantId, "standup-prompt", key, "2026-06-15", "early", lease(9.99))).toBe(false);
      expect(await claims.claim(tenantId, "standup-prompt", key, "2026-06-15", "heir", lease(10))).toBe(true);
      expect(await claims.get(tenantId, "standup-prompt", key, "2026-06-15")).toMatchObject({
        status: "running",
        claimedBy: "heir",
        attempts: 2,
        leaseUntil: plus(20),
      });
      // The new holder's lease holds in turn.
      expect(await claims.claim(tenantId, "standup-prompt", key, "2026-06-15", "late", lease(15))).toBe(false);
    });

    it("never takes over a finished claim: finish ends the lease", async () => {
      const tenantId = unique("T");
      const key = unique("k");
      await claims.claim(tenantId, "weekly-digest", key, "2026-06-19", "w1", lease(0));
      await claims.finish(tenantId, "weekly-digest", key, "2026-06-19", "done", "queued");
      expect(await claims.get(tenantId, "weekly-digest", key, "2026-06-19")).toMatchObject({ status: "done", leaseUntil: null });
      expect(await claims.claim(tenantId, "weekly-digest", key, "2026-06-19", "w2", lease(60))).toBe(false);
      expect(await claims.get(tenantId, "weekly-digest", key, "2026-06-19")).toMatchObject({
        status: "done",
        claimedBy: "w1",
        attempts: 1,
      });
    });

    it("gives up after 3 attempts and records the claim failed", async () => {
      const tenantId = unique("T");
      const key = unique("k");
      expect(await claims.claim(tenantId, "standup-summary", key, "2026-06-15", "a", lease(0))).toBe(true);
      expect(await claims.claim(tenantId, "standup-summary", key, "2026-06-15", "b", lease(10))).toBe(true);
      expect(await claims.claim(tenantId, "standup-summary", key, "2026-06-15", "c", lease(20))).toBe(true);
      expect(await claims.claim(tenantId, "standup-summary", key, "2026-06-15", "d", lease(30))).toBe(false);
      expect(await claims.get(tenantId, "standup-summary", key, "2026-06-15")).toMatchObject({
        status: "failed",
        detail: "gave up after 3 attempts",
        claimedBy: "c",
        attempts: 3,
        leaseUntil: null,
      });
      expect(await claims.claim(tenantId, "standup-summary", key, "2026-06-15", "e", lease(120))).toBe(false);
    });

    it("lets no other tenant take a claim over", async () => {
      const key = unique("k");
      const owner = unique("T");
      await claims.claim(owner, "standup-prompt", key, "s", "dead", lease(0));
      expect(await claims.claim(unique("T"), "standup-prompt", key, "s", "intruder", lease(60))).toBe(false);
      expect(await claims.get(owner, "standup-prompt", key, "s")).toMatchObject({ claimedBy: "dead", attempts: 1 });
    });

    it("lets exactly one of many simultaneous take-overs win across separate connections", async () => {
      const repos = [claims, ...others.map((db) => claimsRepository(db))];
      for (let round = 0; round < 5; round++) {
        const tenantId = unique("T");
        const key = unique("k");
        await claims.claim(tenantId, "standup-prompt", key, "2026-06-15", "dead", lease(0));
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            repos[i % repos.length]!.claim(tenantId, "standup-prompt", key, "2026-06-15", `heir-${i}`, lease(10 + i / 100)),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const claim = await claims.get(tenantId, "standup-prompt", key, "2026-06-15");
        expect(claim).toMatchObject({ attempts: 2, claimedBy: `heir-${results.indexOf(true)}` });
      }
    });
  });

  it("answers false for finish and null for get when nothing was claimed", async () => {
    const tenantId = unique("T");
    expect(await claims.get(tenantId, "digest", "never", "s")).toBeNull();
    expect(await claims.finish(tenantId, "digest", "never", "s", "done")).toBe(false);
  });
});
