/**
 * The budget reply and the weekly digest show one per-category table: the
 * same rows, the same "⚠ over" marker, for the same plan and costs.
 */
import { describe, expect, it } from "vitest";
import { weeklyDigest } from "../../../src/core/digest/weekly-digest.js";
import type { Block, Reply } from "../../../src/core/views/reply.js";
import { suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

function categoryRows(reply: Reply): string[][] {
  const tables = reply.blocks.filter((b): b is Extract<Block, { kind: "table" }> => b.kind === "table" && b.columns[0] === "Category");
  expect(tables).toHaveLength(1);
  expect(tables[0]!.columns).toEqual(["Category", "Planned", "Actual", "Used"]);
  return tables[0]!.rows;
}

describe("budget categories", () => {
  const store = suiteStore("sqlite");

  it("are the same rows in the budget reply and in the digest", async () => {
    const f = await apolloFixture(store(), "categories");
    expect((await f.pm.say("budget labour 6000 software 1500")).ok).toBe(true);
    expect((await f.pm.say("cost add 4000 USD labour")).ok).toBe(true);
    expect((await f.pm.say("cost add 1600 USD software")).ok).toBe(true);
    expect((await f.pm.say("cost add 120 USD travel")).ok).toBe(true);

    const budget = await f.pm.say("budget");
    expect(budget.ok).toBe(true);
    const project = (await store().projects.get(f.tenant, f.project.id))!;
    const digest = await weeklyDigest({ store: store(), tenant: f.tenant }, project, { today: "2026-03-02" });

    const rows = [
      ["labour", "$6,000.00", "$4,000.00", "67%"],
      ["software", "$1,500.00", "$1,600.00", "107% ⚠ over"],
      ["travel", "—", "$120.00", "—"],
    ];
    expect(categoryRows(budget.reply)).toEqual(rows);
    expect(categoryRows(digest)).toEqual(rows);
  });
});
