/**
 * `charter import costs` at scale and at its bounds: 100,000 rows import in
 * one transaction (its time limit grows with the rows); a larger file is
 * refused at once, also as a dry run, with nothing written; a bad row near
 * the end names its line and nothing is written; the file's total and the
 * project's stay under the money limit; dates stay in 1970-2199.
 * Real SQLite and PostgreSQL, but for the refusals that come before any write.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { COST_IMPORT_MAX_ROWS, importCosts } from "../../../src/core/export/cost-import.js";
import type { Project } from "../../../src/core/store.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { createTestDatabase, describeEachProvider, describeOnSqlite, type TestDatabase } from "../../support/db.js";
import { apolloFixture, type ApolloFixture } from "../../support/project.js";

const HEADER = "date,amount,currency,category,description";

/** A cost file of `rows` rows of 1.23 USD (row i on line i + 1), with `replace` swapping chosen rows. */
function costFile(rows: number, replace: Record<number, string> = {}): Uint8Array {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++)
    lines.push(replace[i] ?? `2026-02-${String((i % 28) + 1).padStart(2, "0")},1.23,USD,${i % 2 ? "software" : "travel"},Row ${i}`);
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

async function importAs(f: Pick<ApolloFixture, "pm">, project: Project, input: Uint8Array | string, options: { dryRun?: boolean } = {}) {
  const ctx = await f.pm.context();
  const reply = await importCosts({ ...ctx, scope: { tenantId: ctx.tenant, actorId: ctx.user.id } }, project, input, {
    source: "costs.csv",
    ...options,
  });
  return { ok: reply.ok, text: renderText(reply) };
}

describeEachProvider("cost import at scale", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it(`imports ${COST_IMPORT_MAX_ROWS.toLocaleString("en-US")} rows in one transaction`, async () => {
    expect(COST_IMPORT_MAX_ROWS).toBe(100_000);
    const f = await apolloFixture(t.store, `scale-${provider}`);
    const r = await importAs(f, f.project, costFile(COST_IMPORT_MAX_ROWS));
    expect(r.text).toMatch(/^Imported 100,000 costs \(\$123,000\.00\) into Apollo\./);
    expect(r.ok).toBe(true);
    const totals = await t.store.costs.totals(f.tenant, f.project.id);
    expect([totals.count, totals.total]).toEqual([100_000, 12_300_000n]);
    const costs = await t.store.costs.list(f.tenant, f.project.id);
    expect(new Set(costs.map((c) => c.number)).size).toBe(100_000);
    expect(costs.find((c) => c.number === 100_000)?.note).toBe("Row 100000");
  }, 240_000);

  it("refuses rows outside 1970-2199 and amounts or totals that would reach the money limit", async () => {
    const f = await apolloFixture(t.store, `limits-${provider}`);
    expect((await f.pm.say("cost add 9,999,999,999,000 USD other")).ok).toBe(true);
    const writes = await f.writes();
    const dates = await importAs(
      f,
      f.project,
      [HEADER, "0000-01-01,5,USD,software,Year zero", "9999-12-31,5,USD,software,Far", "2026-02-02,5,USD,software,Fine"].join("\n"),
    );
    expect(dates.text).toContain("line 2: the date 0000-01-01 is out of range: dates must be from 1970-01-01 to 2199-12-31");
    expect(dates.text).toContain("line 3: the date 9999-12-31 is out of range");

    const single = await importAs(f, f.project, [HEADER, "2026-02-02,10000000000000,USD,software,Too much"].join("\n"));
    expect(single.text).toContain('line 2: the amount "10000000000000" is too large: amounts must be below $10,000,000,000,000.00');

    // Each row is fine; together with Apollo's costs they would pass the limit.
    const total = await importAs(f, f.project, [HEADER, "2026-02-02,600,USD,software,A", "2026-02-03,600,USD,software,B"].join("\n"), {
      dryRun: true,
    });
    expect(total.ok).toBe(false);
    expect(total.text).toContain("Nothing was imported: the costs of costs.csv would pass the money limit.");
    expect(total.text).toContain(
      "with these costs Apollo's costs would come to $10,000,000,000,200.00; Charter keeps every project's totals below $10,000,000,000,000.00",
    );
    expect(await f.writes()).toBe(writes);
  });
});

// Refused before anything is written, whatever the database: on SQLite only.
describeOnSqlite("cost import at its row cap", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("refuses a file of one row more at once, also as a dry run, writing nothing", async () => {
    const f = await apolloFixture(t.store, `cap-${provider}`);
    const writes = await f.writes();
    const file = costFile(COST_IMPORT_MAX_ROWS + 1);
    for (const options of [{ dryRun: true }, {}]) {
      const r = await importAs(f, f.project, file, options);
      expect(r.ok).toBe(false);
      expect(r.text).toContain("Nothing was imported: costs.csv has more than 100,000 rows.");
      expect(r.text).toContain("Charter imports at most 100,000 costs at a time: split it and import each part");
      expect(r.text).not.toMatch(/would be added/);
    }
    expect(await f.writes()).toBe(writes);
    expect((await t.store.costs.totals(f.tenant, f.project.id)).count).toBe(0);
  }, 120_000);

  it("names a bad row near the end of a large file by its line and writes nothing", async () => {
    const f = await apolloFixture(t.store, `bad-${provider}`);
    const writes = await f.writes();
    const r = await importAs(f, f.project, costFile(COST_IMPORT_MAX_ROWS, { 99998: "2026-02-30,5,USD,software,Impossible day" }));
    expect(r.ok).toBe(false);
    expect(r.text).toContain("Nothing was imported: 1 row of 100,000 rows has a problem.");
    expect(r.text).toContain('line 99999: the date "2026-02-30" is not a date written YYYY-MM-DD');
    expect(await f.writes()).toBe(writes);
  }, 120_000);
});
