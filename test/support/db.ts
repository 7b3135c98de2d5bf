/**
 * Real databases for tests: a temporary SQLite file, or a fresh PostgreSQL
 * database on the local server, migrated with the store's own runner.
 *
 * PostgreSQL defaults to postgresql://postgres@127.0.0.1:5432/postgres (trust
 * auth); CHARTER_TEST_PG_URL points elsewhere. Without a reachable server the
 * PostgreSQL suites are skipped locally and fail when CI=true.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import type { Store } from "../../src/core/store.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { migrate } from "../../src/store/migrate.js";

export const providers = ["sqlite", "postgresql"] as const;
export type TestProvider = (typeof providers)[number];

/** Server-level connection used to create and drop test databases. */
export const PG_ADMIN_URL = process.env.CHARTER_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

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

function urlWithDatabase(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(provider: TestProvider, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  let url: string;
  let remove: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "charter-test-"));
    url = `file:${join(dir, "charter.db")}`;
    remove = () => rm(dir, { recursive: true, force: true });
  } else {
    const name = `charter_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    url = urlWithDatabase(PG_ADMIN_URL, name);
    remove = async () => {
      await adminQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  }
  try {
    if (options.migrate !== false) await migrate(url);
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

/** Whether the PostgreSQL test server answers a query. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let probed: boolean | undefined;

/**
 * The same answer, synchronously: suites are declared synchronously, and a
 * skipped suite must be known before its hooks (which create databases) run.
 */
function postgresAvailableNow(): boolean {
  if (probed !== undefined) return probed;
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
