import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { CommandOutcome, Context } from "../../src/core/context.js";
import { dispatch, submitForm } from "../../src/core/dispatch.js";
import { createRateLimiter, type RateLimiter } from "../../src/core/rate-limit.js";
import { renderText } from "../../src/core/views/render-text.js";
import { describeOnSqlite, suiteStore } from "../support/db.js";
import { apolloFixture, type ApolloFixture } from "../support/project.js";

describeOnSqlite("command rate limits", (provider) => {
  const testStore = suiteStore(provider);

  /** A context for `user` in Apollo's channel that shares `limiter`, at `at` (ISO). */
  async function as(
    f: ApolloFixture,
    user: string,
    limiter: RateLimiter,
    seen: [string, CommandOutcome][] = [],
    at = "2026-03-02T10:00:00Z",
  ): Promise<Context> {
    const base = await f.as(user).context();
    return {
      ...base,
      limiter,
      now: () => DateTime.fromISO(at, { zone: "utc" }),
      observe: () => (command, outcome) => void seen.push([command, outcome]),
    };
  }

  it("refuses the 11th command of a burst with a friendly private reply, writes nothing, and leaves others alone", async () => {
    const f = await apolloFixture(testStore(), "rate");
    const limiter = createRateLimiter({ userPerMinute: 30, userBurst: 10, tenantPerMinute: 600, tenantBurst: 100 });
    const seen: [string, CommandOutcome][] = [];
    const bob = await as(f, "bob", limiter, seen);
    for (let i = 1; i <= 10; i++) expect((await dispatch(bob, `task add Step ${i}`)).ok).toBe(true);
    const before = await f.writes();
    const refused = await dispatch(bob, "task add One too many");
    expect(refused.ok).toBe(false);
    expect(refused.visibility).toBe("private");
    expect(renderText(refused)).toContain("Slow down — you've sent a lot of commands in the last minute. Try again in 2 s.");
    expect(await f.writes()).toBe(before);
    expect((await f.store.tasks.list(f.tenant, f.project.id)).length).toBe(10);
    expect(seen.at(-1)).toEqual(["task add", "limited"]);
    expect(seen.filter(([, o]) => o === "ok").length).toBe(10);

    // Form submissions draw on the same bucket.
    const form = await submitForm(bob, "task add", { title: "From the form" });
    expect(renderText(form)).toContain("Slow down");
    expect(await f.writes()).toBe(before);

    // Someone else in the workspace is unaffected.
    expect((await dispatch(await as(f, "carol", limiter), "task add Carol's task")).ok).toBe(true);
    // Two seconds later bob may send one more.
    expect((await dispatch(await as(f, "bob", limiter, [], "2026-03-02T10:00:02Z"), "task add Later")).ok).toBe(true);
  });

  it("limits the whole workspace with its own message", async () => {
    const f = await apolloFixture(testStore(), "rate");
    const limiter = createRateLimiter({ userPerMinute: 30, userBurst: 10, tenantPerMinute: 60, tenantBurst: 4 });
    for (const user of ["ann", "bob", "cid", "dee"]) expect((await dispatch(await as(f, user, limiter), "task list")).ok).toBe(true);
    const before = await f.writes();
    const refused = await dispatch(await as(f, "eve", limiter), "task add Anything");
    expect(renderText(refused)).toContain("Slow down — your workspace is sending a lot of commands in the last minute. Try again in 1 s.");
    expect(await f.writes()).toBe(before);
    // Another workspace has its own bucket.
    const other = await apolloFixture(testStore(), "rate-other");
    expect((await dispatch(await as(other, "eve", limiter), "task list")).ok).toBe(true);
  });
});
