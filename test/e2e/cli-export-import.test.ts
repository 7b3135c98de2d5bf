/**
 * `charter export` and `charter import costs` through the CLI's main, as a
 * finance person would use them: export a project, import its costs.csv into
 * a project of another workspace, and get exactly the same costs; a file with
 * a bad row imports nothing and names the line. On SQLite and PostgreSQL.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { COLUMNS } from "../../src/core/export/tables.js";
import type { Store } from "../../src/core/store.js";
import { dispatch } from "../../src/core/dispatch.js";
import { tokensFromArgv } from "../../src/core/grammar/tokenize.js";
import { chat } from "../support/context.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { runCli } from "../support/cli.js";

const NOTES = ["Sprint 1, contractors", 'The "premium" plan', "two\nlines", "=1+2", "-5% discount", "@here", "Café 東京 🚀"];

async function ledger(store: Store, tenant: string, project: string) {
  const p = (await store.projects.findByName(tenant, project))!;
  const costs = [...(await store.costs.list(tenant, p.id))].reverse();
  const members = new Map(
    (
      await store.members.getMany(
        tenant,
        costs.map((c) => c.createdById),
      )
    ).map((m) => [m.id, m]),
  );
  return costs.map((c) => ({
    amount: c.amount,
    currency: c.currency,
    category: c.category,
    note: c.note,
    date: c.incurredOn,
    by: members.get(c.createdById)?.platformUserId,
    at: c.createdAt.toISOString(),
  }));
}

describeEachProvider("charter export and import", (provider) => {
  // Large files: a million rows refused, 5,000 imported and exported.
  vi.setConfig({ testTimeout: 90_000 });
  let database: TestDatabase;
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    env = { DATABASE_URL: database.url };
    dir = await mkdtemp(join(tmpdir(), "charter-export-"));
  });
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(args, env, dir);
  /** Setting the scene straight through dispatch (the commands are what is under test): chat words as `charter run` would take them. */
  const run = async (tenant: string, user: string, ...words: string[]) => {
    const reply = await dispatch(await chat(database.store, { tenant, user, channel: "local" }).context(), tokensFromArgv(words));
    expect(reply.ok, `${words.join(" ")}: ${reply.summary}`).toBe(true);
  };
  const writes = async (tenant: string) => (await database.store.audit.list(tenant, { limit: 100_000 })).length;

  it("exports CSV into --out, prints the paths, and imports the costs into another workspace exactly", async () => {
    await run("local", "pat", "project", "create", "Apollo", "budget", "100000", "USD");
    await run("local", "pat", "task", "add", "Design the API", "@bob", "due", "2026-03-10");
    await run("local", "pat", "risk", "add", "Vendor late", "p3", "i4");
    await run("local", "pat", "kpi", "add", "Uptime", "target", "99.9%");
    for (const [i, note] of NOTES.entries()) {
      await run(
        "local",
        i % 2 ? "bob" : "pat",
        "cost",
        "add",
        `${100 + i}.0${i}`,
        "USD",
        i % 2 ? "software" : "travel",
        note,
        "on",
        `2026-02-0${i + 1}`,
      );
    }

    const out = join(dir, "apollo");
    const exported = await cli("export", "--project", "apollo", "--format", "csv", "--out", out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toBe("");
    const paths = ["tasks", "costs", "risks", "kpis"].map((e) => join(out, `${e}.csv`));
    expect(exported.stdout).toBe(paths.map((p) => `${p}\n`).join(""));
    expect((await readdir(out)).sort()).toEqual(["costs.csv", "kpis.csv", "risks.csv", "tasks.csv"]);
    const costsCsv = await readFile(join(out, "costs.csv"), "utf8");
    expect(costsCsv.startsWith("\uFEFF" + COLUMNS.costs.join(",") + "\r\n")).toBe(true);
    expect(costsCsv).toContain(',100.00,USD,travel,"Sprint 1, contractors",pat,pat,');
    expect(costsCsv).toContain(',101.01,USD,software,"The ""premium"" plan",bob,bob,');
    expect(costsCsv).toContain(",103.03,USD,software,'=1+2,bob,bob,");
    expect(await readFile(join(out, "tasks.csv"), "utf8")).toContain("1,Design the API,todo,bob,2026-03-10,");

    await run("local:other", "fin", "project", "create", "Apollo copy", "budget", "100000", "USD");
    const imported = await cli(
      "import",
      "costs",
      join(out, "costs.csv"),
      "--tenant",
      "local:other",
      "--user",
      "fin",
      "--project",
      "Apollo copy",
    );
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${NOTES.length} costs`);
    expect(await ledger(database.store, "local:other", "Apollo copy")).toEqual(await ledger(database.store, "local", "Apollo"));

    // Again into the same project: the ids match, nothing is added twice.
    const again = await cli("import", "costs", join(out, "costs.csv"), "--tenant", "local", "--project", "Apollo");
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain("No costs to add to Apollo: every row is there already.");
    expect((await ledger(database.store, "local", "Apollo")).length).toBe(NOTES.length);
  });

  it("exports JSON into ./export-<project>-<date>/ by default", async () => {
    await run("local", "pat", "project", "create", "Zeus 2.0 / Web", "budget", "500", "EUR");
    await run("local", "pat", "cost", "add", "12.5", "EUR", "travel", "=Taxi, late", "in", "Zeus 2.0 / Web");
    const before = DateTime.now().toISODate();
    const r = await cli("export", "--project", "Zeus 2.0 / Web", "--format", "json");
    const after = DateTime.now().toISODate();
    expect(r.code, r.stderr).toBe(0);
    const folder = [before, after].map((d) => join(dir, `export-zeus-2.0-web-${d}`)).find((f) => existsSync(f));
    expect(folder, r.stdout).toBeDefined();
    expect(r.stdout).toBe(["tasks", "costs", "risks", "kpis"].map((e) => `${join(folder!, `${e}.json`)}\n`).join(""));
    const costs = JSON.parse(await readFile(join(folder!, "costs.json"), "utf8")) as Record<string, unknown>[];
    expect(costs).toHaveLength(1);
    expect(Object.keys(costs[0]!)).toEqual([...COLUMNS.costs]);
    expect(costs[0]).toMatchObject({ amount: "12.50", currency: "EUR", category: "travel", description: "=Taxi, late", logged_by: "pat" });
    expect(JSON.parse(await readFile(join(folder!, "tasks.json"), "utf8"))).toEqual([]);
  });

  it("refuses a file of 1,000,000 rows at once, also with --dry-run, writing nothing", async () => {
    await run("local", "pat", "project", "create", "Huge", "budget", "1000", "USD");
    const file = join(dir, "million.csv");
    const row = "2026-03-01,1.00,USD,travel,Taxi\n";
    await writeFile(file, "date,amount,currency,category,description\n" + row.repeat(1_000_000));
    const writesBefore = await writes("local");
    for (const dryRun of [["--dry-run"], []]) {
      const r = await cli("import", "costs", file, "--project", "Huge", ...dryRun);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout).toContain("Nothing was imported: million.csv has more than 100,000 rows.");
      expect(r.stdout).not.toContain("would be added");
    }
    expect(await writes("local")).toBe(writesBefore);
    expect(await ledger(database.store, "local", "Huge")).toEqual([]);
  });

  it("refuses a file with a bad row as a whole (exit 1), naming its line", async () => {
    await run("local", "pat", "project", "create", "Hermes", "budget", "1000", "USD");
    await run("local", "pat", "project", "link", "Hermes");
    const file = join(dir, "bad.csv");
    await writeFile(
      file,
      [
        "date,amount,currency,category,description",
        '2026-03-01,10.00,USD,travel,"Taxi,\nairport"',
        "2026-03-02,ten,USD,travel,Train",
        "2026-03-03,5.00,USD,travel,Bus",
      ].join("\n"),
    );
    const writesBefore = await writes("local");
    const r = await cli("import", "costs", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Nothing was imported: 1 row of 3 rows has a problem.");
    expect(r.stdout).toContain('line 4: the amount "ten" is not an amount');
    expect(await writes("local")).toBe(writesBefore);
    expect(await ledger(database.store, "local", "Hermes")).toEqual([]);

    // --dry-run on a good file checks and writes nothing; without it, the project linked to the channel gets the costs.
    const good = join(dir, "good.csv");
    await writeFile(good, "date,amount,currency,category\n2026-03-01,10.00,USD,travel\n2026-03-02,2.50,USD,other\n");
    const dry = await cli("import", "costs", good, "--dry-run");
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.stdout).toContain("Checked good.csv: 2 costs ($12.50) would be added to Hermes.");
    expect(await writes("local")).toBe(writesBefore);
    const done = await cli("import", "costs", good);
    expect(done.code, done.stdout).toBe(0);
    expect(done.stdout).toContain("Imported 2 costs ($12.50) into Hermes.");
  });

  it("imports and exports 5,000 costs without a progress bar when stderr is not a terminal", async () => {
    await run("local", "pat", "project", "create", "Big", "budget", "10000000", "USD");
    const rows = Array.from(
      { length: 5_000 },
      (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, "0")},${i + 1}.99,USD,software,"Seat ${i}, ""pro"""`,
    );
    const file = join(dir, "big.csv");
    await writeFile(file, ["date,amount,currency,category,description", ...rows].join("\r\n"));
    const imported = await cli("import", "costs", file, "--project", "Big");
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Imported 5,000 costs");
    const exported = await cli("export", "--project", "Big", "--out", join(dir, "big"));
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe("");
    const lines = (await readFile(join(dir, "big", "costs.csv"), "utf8")).split("\r\n");
    expect(lines).toHaveLength(5_002); // header, 5,000 rows, and the empty string after the last CRLF
  });

  it("exits 2 on a wrong command line and 1 for an unknown project", async () => {
    const usage = async (args: string[], message: string) => {
      const r = await cli(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(message);
    };
    await writeFile(join(dir, "x.csv"), "date,amount,currency,category\n");
    // Independent of each other: run side by side.
    await Promise.all([
      usage(["export"], "charter export needs --project <name>"),
      usage(["export", "--project", "Apollo", "--format", "xml"], '--format must be csv or json, got "xml"'),
      usage(["export", "--project", "Apollo", "--out", ""], "--out can't be empty"),
      usage(["export", "--project", "Apollo", "--colour"], "Unknown option"),
      usage(["export", "Apollo"], 'Unexpected "Apollo"'),
      usage(["import"], "charter import takes costs only"),
      usage(["import", "tasks", "x.csv"], "charter import takes costs only"),
      usage(["import", "costs"], "charter import costs needs one file"),
      usage(["import", "costs", "missing.csv"], "Can't read missing.csv: no such file"),
      usage(
        ["import", "costs", "x.csv", "--channel", "nowhere"],
        "charter import costs needs --project <name>: the channel nowhere is linked to no project",
      ),
    ]);

    const unknown = await cli("export", "--project", "Apolo");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no project called "Apolo" in local. Did you mean "Apollo"?');
    const unknownImport = await cli("import", "costs", "x.csv", "--project", "Nope");
    expect(unknownImport.code).toBe(1);
    expect(unknownImport.stdout).toContain('There is no project called "Nope"');
  });
});

describe("charter --help", () => {
  it("lists export and import, and each explains itself with --help", async () => {
    const [help, exportHelp, importHelp] = await Promise.all([
      runCli(["--help"], {}),
      runCli(["export", "--help"], {}),
      runCli(["import", "costs", "--help"], {}),
    ]);
    expect(help.stdout).toContain("charter export --project <name> [--format csv|json] [--out <dir>]");
    expect(help.stdout).toContain("charter import costs <file.csv> [--project <name>]");
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.stdout).toContain("costs.csv columns: id,date,amount,currency,category,description,logged_by,logged_by_id,logged_at");
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toContain("If any row is bad, NOTHING is imported");
    expect(importHelp.stdout).toContain("a row whose id is already a cost of the project is");
  });
});
