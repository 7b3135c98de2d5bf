/**
 * Every example that help shows must work as typed, in a project that has
 * the usual things in it (the README reference is built from these examples).
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../../src/core/commands/index.js";
import { openDatabase } from "../../../src/store/database.js";
import { createStore } from "../../../src/store/index.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";
import { chat } from "../../support/context.js";

const SEED = [
  'project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27',
  "task add Design API @alice due 2026-03-10 est 2d",
  "task add Build UI @bob",
  "task add Write tests",
  "risk add Vendor delay p3 i4 owner @alice",
  "risk add Key person leaves p2 i5",
  "milestone add Beta 2026-03-15",
  "milestone add Launch 2026-03-27",
  "kpi add Uptime target 99.9% higher",
  "kpi add Velocity target 30 higher",
  "resource allocate @alice 50%",
  "stakeholder add @carol role sponsor",
  "stakeholder add @dave",
  "cost add 100 USD labour",
  "standup setup",
  'change request "Extra staging environment" cost +1000 USD schedule +2d',
];

const examples = commands.flatMap((c) => c.examples.map((e) => [c.path.join(" "), e] as const));

/** Commands whose examples need more than the seed: a charter to show or approve, a closed project to reopen. */
const EXTRA_SEED: Record<string, string[]> = {
  "project charter show": ['project charter objectives "Ship the new checkout"', 'project charter scope "Web checkout"'],
  "project charter approve": ['project charter objectives "Ship the new checkout"', 'project charter scope "Web checkout"'],
  "project reopen": ['project close well "Demos" not-well "Late vendor" lessons "Book early"'],
};

const TENANT = "examples";
const NOW = "2026-03-02T10:00:00Z";

/**
 * Each example runs in a database of its own, copied from one that holds its
 * seed: seeding through the commands once per seed, not once per example,
 * which took most of this file's time.
 */
const seeded = new Map<string, Promise<TestDatabase>>();
afterAll(async () => {
  await Promise.all([...seeded.values()].map(async (database) => (await database).drop()));
});

function seededDatabase(seed: readonly string[]): Promise<TestDatabase> {
  const key = JSON.stringify(seed);
  let database = seeded.get(key);
  if (!database) {
    database = (async () => {
      const t = await createTestDatabase("sqlite");
      const pm = chat(t.store, { tenant: TENANT, channel: "c", now: NOW });
      for (const line of seed) expect((await pm.say(line)).ok, line).toBe(true);
      return t;
    })();
    seeded.set(key, database);
  }
  return database;
}

/** A copy of the seeded database, open; removed by the returned function. */
async function copyOf(seed: readonly string[]) {
  const source = (await seededDatabase(seed)).url.slice("file:".length);
  const dir = await mkdtemp(join(tmpdir(), "charter-example-"));
  const file = join(dir, "charter.db");
  // SQLite's WAL holds the latest writes until a checkpoint: a copy needs both files.
  await copyFile(source, file);
  await copyFile(`${source}-wal`, `${file}-wal`).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  const db = await openDatabase(`file:${file}`);
  return {
    store: createStore(db),
    async remove() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe("command examples", () => {
  it.each(examples)("%s: `%s` works as typed", async (name, example) => {
    // Names are unique per project, so examples that create named things get a seed without them.
    const seed = name === "project create" ? [] : name === "kpi add" ? SEED.filter((line) => !line.startsWith("kpi add")) : SEED;
    const copy = await copyOf([...seed, ...(EXTRA_SEED[name] ?? [])]);
    try {
      const result = await chat(copy.store, { tenant: TENANT, channel: "c", now: NOW }).say(example);
      expect(result.text).not.toBe("");
      expect(result.ok, result.text).toBe(true);
    } finally {
      await copy.remove();
    }
  });
});
