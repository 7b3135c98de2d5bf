/**
 * A failure on Charter's side tells the truth: "nothing was saved" only when
 * the command's writes rolled back (or it made none); after a write committed
 * it says what was saved and how to check before retrying. Real SQLite store;
 * the failure is injected into one store call.
 */
import { describe, expect, it } from "vitest";
import { failureText, recordingWrites, savedBy } from "../../src/core/command-failure.js";
import { dispatch } from "../../src/core/dispatch.js";
import type { Store } from "../../src/core/store.js";
import { renderText } from "../../src/core/views/render-text.js";
import { failureMessage } from "../../src/adapters/common/failure.js";
import { chat } from "../support/context.js";
import { suiteStore } from "../support/db.js";
import { apolloFixture } from "../support/project.js";

/** The store with one repository method replaced. */
function failing<A extends keyof Store>(store: Store, area: A, method: keyof Store[A], error = new Error("injected failure")): Store {
  return { ...store, [area]: { ...store[area], [method]: () => Promise.reject(error) } };
}

describe("failure replies", () => {
  const store = suiteStore("sqlite");

  it("says which cost was saved when the command fails after the cost's transaction committed", async () => {
    const f = await apolloFixture(store(), "after-write");
    await f.pm.say("cost add 100 USD travel");
    // The read-back of the totals after the write fails.
    const broken = chat(failing(store(), "costs", "totals"), { tenant: f.tenant, channel: "c-apollo" });
    const r = await broken.say("cost add 250 USD software Figma");
    expect(r.ok).toBe(false);
    expect(r.text).toBe("Cost #2 was saved, but Charter failed while answering — check with `cost list` before retrying.");
    expect(r.text).not.toMatch(/nothing was saved/i);
    const costs = await store().costs.list(f.tenant, f.project.id);
    expect(costs.map((c) => [c.number, c.amount, c.note])).toEqual([
      [2, 25_000n, "Figma"],
      [1, 10_000n, null],
    ]);
    expect(broken.logs.find((l) => l.msg === "command failed")?.data).toMatchObject({ command: "cost add", saved: 1 });
  });

  it("says nothing was saved when the failure comes before the write, and nothing is", async () => {
    const f = await apolloFixture(store(), "before-write");
    const broken = chat(failing(store(), "costs", "add"), { tenant: f.tenant, channel: "c-apollo" });
    const r = await broken.say("cost add 250 USD software Figma");
    expect(r.text).toBe("Something went wrong on Charter's side and nothing was saved. Please try again in a moment.");
    expect(await store().costs.list(f.tenant, f.project.id)).toEqual([]);
  });

  it("lets the adapters say what was saved when they fail after the command (rendering, sending)", async () => {
    const f = await apolloFixture(store(), "adapter");
    const ctx = await f.pm.context();
    const reply = await dispatch(ctx, 'risk add "Vendor delay" p3 i4');
    expect(reply.ok).toBe(true);
    const after = "Risk #1 was saved, but Charter failed while answering — check with `risk list` before retrying.";
    expect(failureMessage(new Error("render failed"), ctx)).toBe(after);
    expect(failureMessage(new Error("send failed"), ctx)).toBe(after);
    // A database fault after the write is named as the cause, still without "nothing was saved".
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    expect(failureMessage(full, ctx)).toBe(
      "Risk #1 was saved, but Charter failed while answering (the database is full (disk space, quota or size limit)) — check with `risk list` before retrying.",
    );

    // The next command on the same context starts a fresh record: a read saves nothing.
    expect((await dispatch(ctx, "risk list")).ok).toBe(true);
    expect(savedBy(ctx)).toEqual([]);
    expect(failureMessage(new Error("send failed"), ctx)).toMatch(/nothing was saved/);
    expect(failureMessage(full, ctx)).toBe(
      "Charter can't save right now: its database is full. Nothing was saved; please tell your Charter admin.",
    );
    expect(failureMessage(new Error("before any command"))).toMatch(/nothing was saved/);
  });

  it("counts the writes of a store transaction as saved once it commits, and none when it rolls back", async () => {
    const f = await apolloFixture(store(), "in-transaction");
    const ctx = recordingWrites(await f.pm.context());
    const scope = { tenantId: ctx.tenant, actorId: ctx.user.id };
    const rolledBack = ctx.store.transaction(scope, async (tx) => {
      await tx.tasks.add(scope, f.project.id, { title: "Undone" });
      throw new Error("refused half-way");
    });
    await expect(rolledBack).rejects.toThrow("refused half-way");
    expect(savedBy(ctx)).toEqual([]);
    expect(failureText(savedBy(ctx))).toMatch(/nothing was saved/);

    await ctx.store.transaction(scope, async (tx) => {
      await tx.tasks.add(scope, f.project.id, { title: "Kept" });
      await tx.transaction(scope, (nested) => nested.risks.add(scope, f.project.id, { title: "Vendor late", probability: 3, impact: 4 }));
    });
    expect(savedBy(ctx).map((w) => [w.area, w.method])).toEqual([
      ["tasks", "add"],
      ["risks", "add"],
    ]);
    expect(failureText(savedBy(ctx))).toBe(
      "Task #1 and Risk #1 were saved, but Charter failed while answering — check with `task list all` before retrying.",
    );
  });

  it("names several saved records, and imported costs by their count", () => {
    expect(
      failureText([
        { area: "tasks", method: "add", result: { number: 4 } },
        { area: "budgets", method: "set", result: {} },
      ]),
    ).toBe("Task #4 and the budget were saved, but Charter failed while answering — check with `task list all` before retrying.");
    expect(failureText([{ area: "costs", method: "addMany", result: { added: [{}, {}, {}], existing: [] } }])).toMatch(
      /^3 costs were saved/,
    );
  });

  it("renders the saved-failure text as plain text the person can act on", async () => {
    const f = await apolloFixture(store(), "render");
    const broken = chat(failing(store(), "budgets", "get"), { tenant: f.tenant, channel: "c-apollo" });
    const r = await broken.say("cost add 5 USD other");
    expect(renderText(r.reply)).toContain("Cost #1 was saved");
  });
});
