/**
 * Real databases for tests: a temporary SQLite file, or a fresh PostgreSQL
 * database on the local server, migrated.
 *
 * The run's global setup (test/setup/template-databases.ts) migrates a
 * template of each once; a suite's database is a copy of it (a file copy, or
 * CREATE DATABASE ... TEMPLATE). Without the templates (a file run outside the
 * db and e2e projects) each database is migrated with the store's own runner.
 *
 * PostgreSQL defaults to postgresql://postgres@127.0.0.1:5432/postgres (trust
 * auth); CHARTER_TEST_PG_URL points elsewhere. Without a reachable server the
 * PostgreSQL suites are skipped locally and fail when CI=true.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { Store } from "../../src/core/store.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { migrate } from "../../src/store/migrate.js";
import { adminQuery, dropDatabase, PG_ADMIN_URL, postgresAvailable, urlWithDatabase } from "./pg-admin.js";

export { PG_ADMIN_URL, postgresAvailable };

export const providers = ["sqlite", "postgresql"] as const;
export type TestProvider = (typeof providers)[number];

export interface TestDatabase {
  provider: TestProvider;
  /** DATABASE_URL of the test database. */
  url: string;
  db: Database;
  store: Store;
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply the migrations before opening (default true). */
  migrate?: boolean;
}

export async function createTestDatabase(provider: TestProvider, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.migrate !== false;
  let url: string;
  let remove: () => Promise<void>;
  /** Fills the new database from the run's template; undefined when it has to be migrated (or stay empty). */
  let fromTemplate: (() => Promise<void>) | undefined;
  if (provider === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "charter-test-"));
    const file = join(dir, "charter.db");
    url = `file:${file}`;
    remove = () => rm(dir, { recursive: true, force: true });
    const template = migrated ? inject("sqliteTemplate") : undefined;
    if (template) fromTemplate = () => copyFile(template, file);
  } else {
    const name = `charter_test_${randomBytes(6).toString("hex")}`;
    const template = migrated ? inject("postgresTemplate") : undefined;
    await adminQuery(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
    url = urlWithDatabase(PG_ADMIN_URL, name);
    remove = () => dropDatabase(name);
    if (template) fromTemplate = async () => undefined; // CREATE DATABASE copied it already.
  }
  try {
    if (fromTemplate) await fromTemplate();
    else if (migrated) await migrate(url);
    const db = await openDatabase(url);
    return {
      provider,
      url,
      db,
      store: createStore(db),
      async drop() {
        await db.close();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

let probed: boolean | undefined;

/**
 * The same answer, synchronously: suites are declared synchronously, and a
 * skipped suite must be known before its hooks (which create databases) run.
 */
function postgresAvailableNow(): boolean {
  if (probed !== undefined) return probed;
  // The run's global setup asked once already; a file run on its own asks here.
  const reachable = inject("postgresReachable");
  if (reachable !== undefined) return (probed = reachable);
  const pgPath = createRequire(import.meta.url).resolve("pg");
  const probe = `
    const pg = require(${JSON.stringify(pgPath)});
    const client = new pg.Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 2000 });
    client.connect().then(() => client.query("SELECT 1")).then(() => process.exit(0), () => process.exit(1));`;
  const result = spawnSync(process.execPath, ["-e", probe], { env: { ...process.env, PROBE_URL: PG_ADMIN_URL }, timeout: 5_000 });
  probed = result.status === 0;
  return probed;
}

/**
 * A PostgreSQL suite: skipped with a warning when the server is unreachable,
 * failed (never skipped) when CI=true.
 */
export function describePostgres(title: string, fn: () => void): void {
  if (postgresAvailableNow()) return void describe(title, fn);
  if (process.env.CI === "true") {
    describe(title, () => {
      beforeAll(() => {
        throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL}; CI requires it (set CHARTER_TEST_PG_URL or start the server).`);
      });
      fn();
    });
    return;
  }
  console.warn(`Skipping "${title}": PostgreSQL is not reachable at ${PG_ADMIN_URL} (set CHARTER_TEST_PG_URL).`);
  describe.skip(title, fn);
}

/** `describe.each` over both providers; the PostgreSQL one as describePostgres. */
export function describeEachProvider(name: string, fn: (provider: TestProvider) => void): void {
  for (const provider of providers) {
    const title = `${name} [${provider}]`;
    if (provider === "postgresql") describePostgres(title, () => fn(provider));
    else describe(title, () => fn(provider));
  }
}

/**
 * A suite of command behaviour, run on SQLite only: the store suites
 * (test/store) run the SQL on both databases, and
 * test/store/postgres-commands-smoke.test.ts runs every command family through
 * dispatch on PostgreSQL.
 */
export function describeOnSqlite(name: string, fn: (provider: TestProvider) => void): void {
  describe(`${name} [sqlite]`, () => fn("sqlite"));
}

/**
 * A database for the enclosing suite: created before its first test and
 * dropped after its last. The store is there from the first test on.
 */
export function suiteStore(provider: TestProvider): () => Store {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());
  return () => {
    if (!database) throw new Error("The suite's database is open only while its tests run.");
    return database.store;
  };
}
