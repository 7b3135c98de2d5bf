/**
 * `charter import costs` in the core: a costs.csv exported by `report export
 * csv` goes back in exactly, and a file with any bad row imports nothing and
 * names the line each bad row starts on. On SQLite: cost-import-scale.test.ts
 * runs the import's one transaction on PostgreSQL as well.
 */
import { expect, it } from "vitest";
import { importCosts } from "../../../src/core/export/cost-import.js";
import type { CostEntry, Project, Store } from "../../../src/core/store.js";
import { renderText } from "../../../src/core/views/render-text.js";
import type { Block } from "../../../src/core/views/reply.js";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, type ApolloFixture } from "../../support/project.js";

const BOM = "\uFEFF";
const HEADER = "id,date,amount,currency,category,description,logged_by,logged_by_id,logged_at";

const NASTY_NOTES = [
  "Licences, seats and support",
  'The "premium" plan',
  "Line one\nline two\r\nline three",
  '=HYPERLINK("http://evil","x")',
  "+1 monitor",
  "-5% early-payment discount",
  "@channel dinner",
  "'90s hardware",
  "'=already quoted",
  "Café — 東京 🚀 naïve",
  "  padded  ",
];

type FileBlock = Extract<Block, { kind: "file" }>;

async function exportedCosts(f: Pick<ApolloFixture, "pm">, words = "report export csv"): Promise<Uint8Array> {
  const r = await f.pm.say(words);
  expect(r.ok, r.text).toBe(true);
  const costs = r.reply.blocks.find((b): b is FileBlock => b.kind === "file" && b.name === "costs.csv");
  expect(costs, "a costs.csv file block").toBeDefined();
  return costs!.bytes;
}

/** Imports as the fixture's project manager, like `charter import costs` does. */
async function importAs(f: Pick<ApolloFixture, "pm">, project: Project, input: Uint8Array | string, options = {}) {
  const ctx = await f.pm.context();
  const reply = await importCosts({ ...ctx, scope: { tenantId: ctx.tenant, actorId: ctx.user.id } }, project, input, options);
  return { ok: reply.ok, text: renderText(reply), reply };
}

/** What must survive the round trip, plus who logged it and when. */
async function ledger(store: Store, tenant: string, projectId: string) {
  const costs = [...(await store.costs.list(tenant, projectId))].reverse();
  const members = new Map(
    (
      await store.members.getMany(
        tenant,
        costs.map((c) => c.createdById),
      )
    ).map((m) => [m.id, m]),
  );
  return costs.map((c: CostEntry) => ({
    amount: c.amount,
    currency: c.currency,
    category: c.category,
    note: c.note,
    incurredOn: c.incurredOn,
    loggedBy: members.get(c.createdById)?.platformUserId,
    loggedByName: members.get(c.createdById)?.name,
    loggedAt: c.createdAt.toISOString(),
  }));
}

const costCount = async (f: ApolloFixture, project = f.project) => (await f.store.costs.list(f.tenant, project.id)).length;

describeOnSqlite("import costs", (provider) => {
  const testStore = suiteStore(provider);
  const fixture = () => apolloFixture(testStore(), `import-${provider}`);

  async function apolloWithCosts(): Promise<ApolloFixture> {
    const f = await fixture();
    for (const line of [
      'cost add 1234.50 USD labour "Sprint 1, contractors" on 2026-01-12',
      "cost add 0.01 software Rounding on 2026-01-12",
      "cost add 9999999999.99 consultants Big one on 2026-02-01",
      "cost add 80 travel on 2026-02-03",
    ]) {
      expect((await f.pm.say(line)).ok, line).toBe(true);
    }
    expect((await f.as("bob").say('cost add 42.42 equipment "Bob\'s cable" on 2026-01-20')).ok).toBe(true);
    const bob = await f.store.members.ensure(f.tenant, { platformUserId: "bob" });
    for (const [i, note] of NASTY_NOTES.entries()) {
      await f.store.costs.add({ tenantId: f.tenant, actorId: i % 2 ? bob.id : (await f.pm.context()).user.id }, f.project.id, {
        amount: BigInt(1000 + i),
        currency: "USD",
        category: "other",
        note,
        incurredOn: `2026-02-${String(10 + i).padStart(2, "0")}`,
      });
    }
    return f;
  }

  it("re-imports an export into another workspace's project with every cost identical", async () => {
    const source = await apolloWithCosts();
    const csv = await exportedCosts(source);
    const target = await fixture();
    const before = await ledger(target.store, target.tenant, target.project.id);
    expect(before).toEqual([]);

    const imported = await importAs(target, target.project, csv, { source: "costs.csv" });
    expect(imported.ok, imported.text).toBe(true);
    expect(imported.text).toContain(`Imported ${4 + 1 + NASTY_NOTES.length} costs`);
    expect(await ledger(target.store, target.tenant, target.project.id)).toEqual(
      await ledger(source.store, source.tenant, source.project.id),
    );
    // Nothing lost in the other direction either: exporting the copy gives the same file, ids aside.
    const withoutIds = (bytes: Uint8Array) =>
      new TextDecoder()
        .decode(bytes)
        .split("\r\n")
        .map((line) => line.replace(/^[^,]*,/, ""));
    expect(withoutIds(await exportedCosts(target))).toEqual(withoutIds(csv));
    // The audit names the person who imported.
    const events = await target.store.audit.list(target.tenant, { projectId: target.project.id, limit: 100 });
    const importer = (await target.pm.context()).user.id;
    expect(events.filter((e) => e.action === "cost.import").every((e) => e.actorId === importer)).toBe(true);
  });

  it("keeps amounts exact in a currency with three decimals", async () => {
    const store = testStore();
    const kw = chat(store, { tenant: `t-kwd-a-${provider}`, channel: "c-k" });
    expect((await kw.say('project create "Gulf" budget 1000 KWD')).ok).toBe(true);
    expect((await kw.say("cost add 0.001 KWD travel Fils")).ok).toBe(true);
    expect((await kw.say("cost add 1234.567 KWD labour")).ok).toBe(true);
    const csv = new TextDecoder().decode(await exportedCosts({ pm: kw }));
    expect(csv).toContain(",0.001,KWD,travel,Fils,");
    expect(csv).toContain(",1234.567,KWD,labour,,");
    const other = chat(store, { tenant: `t-kwd-b-${provider}`, channel: "c-k" });
    expect((await other.say('project create "Gulf copy" budget 1000 KWD')).ok).toBe(true);
    const copy = (await store.projects.findByName(`t-kwd-b-${provider}`, "Gulf copy"))!;
    expect((await importAs({ pm: other }, copy, csv)).ok).toBe(true);
    expect((await store.costs.list(`t-kwd-b-${provider}`, copy.id)).map((c) => c.amount).sort()).toEqual([1n, 1234567n]);
  });

  it("adds nothing when a project's own export goes back into it, and refuses a row changed under its id", async () => {
    const f = await apolloWithCosts();
    const csv = new TextDecoder().decode(await exportedCosts(f));
    const count = await costCount(f);
    const writes = await f.writes();
    const again = await importAs(f, f.project, csv, { source: "costs.csv" });
    expect(again.ok, again.text).toBe(true);
    expect(again.text).toContain("No costs to add to Apollo: every row is there already.");
    expect(again.text).toContain(`${count} rows were already in Apollo (same id)`);
    expect(await f.writes()).toBe(writes);

    // The same file with one amount edited: refused, and nothing else goes in either.
    const lines = csv.split("\r\n");
    const edited =
      lines.map((l) => l.replace(",1234.50,USD,", ",1234.51,USD,")).join("\r\n") + `,2026-03-01,5.00,USD,travel,New row,,,\r\n`;
    const refused = await importAs(f, f.project, edited);
    expect(refused.ok).toBe(false);
    expect(refused.text).toMatch(/line 2: cost \S+ is already in Apollo with a different amount/);
    expect(await costCount(f)).toBe(count);
    expect(await f.writes()).toBe(writes);
  });

  it("imports nothing when any row is bad, and names the line each bad row starts on", async () => {
    const f = await fixture();
    const writes = await f.writes();
    const file = [
      HEADER,
      ',2026-03-01,100.00,USD,labour,"A note that spans\nthree lines, with a comma\nand ""quotes""",,,', // lines 2-4, good
      ",2026-03-02,12.5.0,USD,labour,bad amount,,,", // 5
      ",2026-03-02,10.00,USD,food,unknown category,,,", // 6
      ",03/02/2026,10.00,USD,travel,bad date,,,", // 7
      ",2026-03-02,10.00,USD,travel", // 8: missing columns
      ",2026-03-02,10.00,EUR,travel,wrong currency,,,", // 9
      ",2026-03-02,10.001,USD,travel,too many decimals,,,", // 10
      ",2026-03-02,0,USD,travel,zero,,,", // 11
      "", // 12: a blank line is skipped
      ',2026-02-30,,USD,,"two\nproblems and a multi-line note",,,', // 13-14
      ",2026-03-03,7.00,USD,other,good,,,", // 15
    ].join("\r\n");
    const r = await importAs(f, f.project, file, { source: "costs.csv" });
    expect(r.ok).toBe(false);
    expect(r.text).toContain("Nothing was imported: 8 rows of 10 rows have problems.");
    const bad = r.reply.blocks.find((b) => b.kind === "list");
    expect(bad && bad.kind === "list" ? bad.items.map((i) => i.split(":")[0]) : []).toEqual([
      "line 5",
      "line 6",
      "line 7",
      "line 8",
      "line 9",
      "line 10",
      "line 11",
      "line 13",
    ]);
    expect(r.text).toContain('line 5: the amount "12.5.0" is not an amount; write it like 1234.50');
    expect(r.text).toContain('line 6: the category "food" is not one of labour, equipment, software, travel, consultants, other');
    expect(r.text).toContain('line 7: the date "03/02/2026" is not a date written YYYY-MM-DD');
    expect(r.text).toContain("line 8: has 5 fields, the header has 9");
    expect(r.text).toContain("line 9: the currency is EUR, but Apollo keeps its costs in USD");
    expect(r.text).toContain('line 10: the amount "10.001" has too many decimals: USD allows 2 decimal places');
    expect(r.text).toContain("line 11: the amount must be more than zero");
    expect(r.text).toContain(
      'line 13: the date "2026-02-30" is not a date written YYYY-MM-DD, like 2026-03-02; the amount is missing; the category is missing',
    );
    expect(await costCount(f)).toBe(0);
    expect(await f.writes()).toBe(writes);
  });

  it("names the header line for unknown or missing columns, and a broken quote by its line", async () => {
    const f = await fixture();
    const unknown = await importAs(f, f.project, "\n\ndate,amount,currency,category,descripton\n2026-03-01,1,USD,travel,x\n");
    expect(unknown.ok).toBe(false);
    expect(unknown.text).toContain('line 3: unknown column "descripton" (the columns are id, date, amount');
    const missing = await importAs(f, f.project, "date,amount,category\n2026-03-01,1,travel\n");
    expect(missing.text).toContain("line 1: the header has no currency column");
    const twice = await importAs(f, f.project, "date,amount,currency,category,Amount\n");
    expect(twice.text).toContain("line 1: the column amount appears twice");
    const quote = await importAs(
      f,
      f.project,
      'date,amount,currency,category,description\n2026-03-01,1,USD,travel,"fine\nstill fine"\n2026-03-01,1,USD,travel,"never closed\n',
    );
    expect(quote.ok).toBe(false);
    expect(quote.text).toContain("line 4: a field opened with a quote");
    const duplicate = await importAs(f, f.project, `${HEADER}\nabc,2026-03-01,1,USD,travel,,,,\nabc,2026-03-01,1,USD,travel,,,,\n`);
    expect(duplicate.text).toContain("line 3: has the same id as line 2");
    const nul = await importAs(f, f.project, "date,amount,currency,category,description\n2026-03-01,1,USD,travel,a\u0000b\n");
    expect(nul.text).toContain("line 2: holds a NUL character");
    expect(await costCount(f)).toBe(0);
  });

  it("refuses an empty file, imports nothing from a header alone, and reads a BOM, any case and column order", async () => {
    const f = await fixture();
    const empty = await importAs(f, f.project, "", { source: "costs.csv" });
    expect(empty.ok).toBe(false);
    expect(empty.text).toContain("Nothing was imported: costs.csv can't be read as a cost file.");
    expect(empty.text).toContain("the file is empty");
    expect((await importAs(f, f.project, BOM)).ok).toBe(false);

    const header = await importAs(f, f.project, BOM + HEADER + "\r\n", { source: "costs.csv" });
    expect(header.ok, header.text).toBe(true);
    expect(header.text).toContain("costs.csv has only its header");
    expect(await costCount(f)).toBe(0);

    const reordered = await importAs(f, f.project, BOM + 'Category,AMOUNT,Date,Currency\nLabour,"1,250.00",2026-03-01,usd\n');
    expect(reordered.ok, reordered.text).toBe(true);
    const [cost] = await f.store.costs.list(f.tenant, f.project.id);
    expect(cost).toMatchObject({ amount: 125_000n, currency: "USD", category: "labour", note: null, incurredOn: "2026-03-01" });
  });

  it("imports 5,000 rows in one go within seconds", async () => {
    const f = await fixture();
    const rows = Array.from(
      { length: 5_000 },
      (_, i) => `,2026-02-${String((i % 28) + 1).padStart(2, "0")},${i + 1}.25,USD,software,"Seat ${i}, monthly",,,`,
    );
    const started = performance.now();
    const r = await importAs(f, f.project, [HEADER, ...rows].join("\r\n"));
    const took = performance.now() - started;
    expect(r.ok, r.text).toBe(true);
    expect(r.text).toContain("Imported 5,000 costs");
    expect(took).toBeLessThan(20_000);
    const totals = await f.store.costs.totals(f.tenant, f.project.id);
    expect(totals.count).toBe(5_000);
    expect(totals.total).toBe(BigInt((5_000 * 5_001) / 2) * 100n + 5_000n * 25n);
  });

  it("checks only with dryRun, and refuses a closed project", async () => {
    const f = await fixture();
    const writes = await f.writes();
    const file = `${HEADER}\n,2026-03-01,10.00,USD,travel,Taxi,,,\n`;
    const dry = await importAs(f, f.project, file, { dryRun: true, source: "costs.csv" });
    expect(dry.ok).toBe(true);
    expect(dry.text).toContain("Checked costs.csv: 1 cost ($10.00) would be added to Apollo.");
    expect(await f.writes()).toBe(writes);

    await f.store.closeOuts.close({ tenantId: f.tenant, actorId: (await f.pm.context()).user.id }, f.project.id, {
      postMortem: { wentWell: [], didNotGoWell: [], lessons: [], followUps: [] },
      finalReport: {},
      at: new Date("2026-03-01T12:00:00Z"),
    });
    const closed = (await f.store.projects.get(f.tenant, f.project.id))!;
    const writesClosed = await f.writes();
    const refused = await importAs(f, closed, file);
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain("Apollo is closed (archived)");
    expect(await costCount(f)).toBe(0);
    expect(await f.writes()).toBe(writesClosed);
  });

  it("raises the budget alert the import's costs cross, once", async () => {
    const f = await fixture();
    const r = await importAs(f, f.project, `${HEADER}\n,2026-03-01,3000.00,USD,labour,,,,\n,2026-03-02,2500.00,USD,labour,,,,\n`);
    expect(r.ok, r.text).toBe(true);
    expect(r.text).toContain("Budget: 55% used");
    expect(r.text).toContain("Budget alert: spending passed 50% of the budget.");
    expect(f.posted.map((p) => p.message.dedupeKey)).toEqual([expect.stringMatching(/^budget:.*:total:50:/)]);
  });
});
