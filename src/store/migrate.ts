/**
 * Applies the checked-in migrations (prisma/<provider>/migrations) at start-up
 * with the database drivers themselves: Prisma's migrate command needs its CLI
 * and schema engine, which a deployed image does not carry.
 *
 * Bookkeeping goes to Prisma's own `_prisma_migrations` table in Prisma's
 * format, so `prisma migrate status` / `deploy` agree with what ran here.
 * Each migration runs in its own transaction together with its record.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSqliteFolder, resolveDatabaseUrl, type Provider } from "./database.js";

export interface Migration {
  /** Folder name, e.g. 20261126094837_init. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

export interface MigrateOptions {
  /** Folder holding the migration folders; defaults to prisma/<provider>/migrations of this installation. */
  migrationsDir?: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** The same key as `prisma migrate deploy`, so the two never run side by side. */
const ADVISORY_LOCK_KEY = 72707369;

/**
 * prisma/<provider>/migrations, two levels above this module: src/store and
 * dist/store both sit two levels below the folder that holds prisma/.
 */
export function migrationsDirectory(provider: Provider): string {
  return fileURLToPath(new URL(`../../prisma/${provider}/migrations/`, import.meta.url));
}

/** The migrations in the folder, oldest first. */
export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/**
 * Applies pending migrations to the database at `url` (a DATABASE_URL value)
 * and returns the names it applied, oldest first. Safe to call from several
 * processes at once; fails when an applied migration's file has changed.
 */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const target = resolveDatabaseUrl(url);
  const migrations = readMigrations(options.migrationsDir ?? migrationsDirectory(target.provider));
  if (target.provider === "sqlite") {
    ensureSqliteFolder(target);
    return migrateSqlite(target.filePath!, migrations);
  }
  return migratePostgres(target.url, migrations);
}

/** Which migrations still have to run; throws on edited or failed ones. */
function pending(migrations: Migration[], applied: AppliedRow[]): Migration[] {
  const done = new Map<string, AppliedRow>();
  for (const row of applied) {
    if (row.rolled_back_at != null) continue;
    if (row.finished_at == null) {
      throw new Error(
        `Migration ${row.migration_name} failed or is still running in another process. ` +
          `Fix the database, then mark it with \`prisma migrate resolve\`.`,
      );
    }
    done.set(row.migration_name, row);
  }
  const todo: Migration[] = [];
  for (const migration of migrations) {
    const row = done.get(migration.name);
    if (!row) todo.push(migration);
    else if (row.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was modified after it was applied (checksum ${migration.checksum}, ` +
          `database has ${row.checksum}). Restore the original migration.sql and put changes in a new migration.`,
      );
    }
  }
  return todo;
}

function failure(migration: Migration, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`Migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
}

// ---------------------------------------------------------------- SQLite

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Prisma writes SQLite timestamps as RFC 3339 text. */
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

async function migrateSqlite(filePath: string, migrations: Migration[]): Promise<string[]> {
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  const db = new BetterSqlite3(filePath, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    // Prisma's table redefinitions drop and re-create tables; with foreign keys
    // on, dropping a parent would cascade into its children. Checked per migration below.
    db.pragma("foreign_keys = OFF");
    const readApplied = (): AppliedRow[] => {
      const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
      if (!table) return [];
      return db
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`)
        .all() as AppliedRow[];
    };
    // Read without a lock first: the usual start-up has nothing to do.
    if (pending(migrations, readApplied()).length === 0) return [];

    const applied: string[] = [];
    for (;;) {
      // BEGIN IMMEDIATE takes the write lock (waiting out other writers), so
      // concurrent starts apply each migration once.
      db.exec("BEGIN IMMEDIATE");
      let migration: Migration | undefined;
      try {
        db.exec(SQLITE_TABLE);
        migration = pending(migrations, readApplied())[0];
        if (!migration) {
          db.exec("COMMIT");
          return applied;
        }
        const startedAt = sqliteTimestamp(new Date());
        db.exec(migration.sql);
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) throw new Error(`${violations.length} foreign key violation(s) after the migration`);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), migration.checksum, sqliteTimestamp(new Date()), migration.name, startedAt);
        db.exec("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw migration ? failure(migration, error) : error;
      }
    }
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- PostgreSQL

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A session lock: other starters wait here, then find nothing left to do.
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await client.query(POSTGRES_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const applied: string[] = [];
      for (const migration of pending(migrations, rows)) {
        await client.query("BEGIN");
        try {
          const { rows: started } = await client.query<{ now: Date }>("SELECT clock_timestamp() AS now");
          // No parameters: the simple query protocol runs the whole multi-statement file.
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, started[0]!.now],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw failure(migration, error);
        }
        applied.push(migration.name);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
