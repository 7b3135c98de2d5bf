/**
 * Opening the database named by DATABASE_URL: a SQLite file (the default) or
 * PostgreSQL, both through Prisma's driver adapters (no native query engine).
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ClientConfig } from "pg";
import type { PrismaClient } from "../generated/sqlite/client.js";
import { DatabaseUnusable, storeFaultKind } from "./errors.js";
import { oneAtATime } from "./sqlite-connection.js";

export type Provider = "sqlite" | "postgresql";

/**
 * The store is typed against the SQLite client. Both clients are generated
 * from the same models and the SQLite query API is the narrower one, so every
 * query written against it is also valid on PostgreSQL.
 */
export type Client = PrismaClient;

export interface DatabaseUrl {
  provider: Provider;
  url: string;
  /** Absolute path of the SQLite file (absent for PostgreSQL). */
  filePath?: string;
}

export interface Database {
  provider: Provider;
  prisma: Client;
  /** Fails when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = "file:./data/charter.db";

/** How long opening a PostgreSQL connection may take before the query fails. */
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

/** How long a SQLite writer waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Reads DATABASE_URL: unset, empty or `file:` means SQLite (relative paths
 * resolve against `cwd`, by default the process's working directory),
 * `postgres://` / `postgresql://` means PostgreSQL.
 */
export function resolveDatabaseUrl(raw: string | undefined, cwd?: string): DatabaseUrl {
  const value = raw?.trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith("file:")) {
    const location = value.startsWith("file://") ? fileURLToPath(value.split("?")[0]!) : value.slice("file:".length).split("?")[0]!;
    // In-memory SQLite is one database per connection, so migrations would not be seen.
    if (location === "" || location === ":memory:") throw invalidUrl(value);
    const filePath = cwd === undefined ? resolve(location) : resolve(cwd, location);
    return { provider: "sqlite", url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) return { provider: "postgresql", url: value };
  throw invalidUrl(value);
}

function invalidUrl(value: string): Error {
  const shown = value.replace(/\/\/([^@/]*)@/, "//***@");
  return new Error(
    `DATABASE_URL "${shown}" is not supported: use file:<path> for SQLite (default ${DEFAULT_DATABASE_URL}) ` +
      "or postgres://user:password@host:5432/database for PostgreSQL.",
  );
}

/**
 * Creates the folder of a SQLite file so a fresh checkout can start without
 * setup, then starts a write and rolls it back: a read-only file, folder or
 * mount fails here, once, with DatabaseUnusable (SQLITE_READONLY,
 * SQLITE_CANTOPEN), rather than on every write later. Migrating and opening
 * both begin here. A lock held by another writer (busy) means it is writable.
 */
export function ensureSqliteFolder(target: DatabaseUrl): void {
  if (!target.filePath) return;
  const where = `SQLite ${target.filePath}`;
  try {
    mkdirSync(dirname(target.filePath), { recursive: true });
  } catch (error) {
    throw new DatabaseUnusable("cannot_open", where, `Creating its folder failed: ${describe(error)}.`);
  }
  const BetterSqlite3 = createRequire(import.meta.url)("better-sqlite3") as typeof import("better-sqlite3");
  let probe: InstanceType<typeof BetterSqlite3> | undefined;
  try {
    probe = new BetterSqlite3(target.filePath, { timeout: 1_000 });
    // In WAL mode the write lock alone is granted on a read-only file: a statement that writes is not.
    probe.exec('BEGIN IMMEDIATE; CREATE TABLE "_charter_write_probe" ("x" INTEGER); ROLLBACK;');
  } catch (error) {
    const kind = storeFaultKind(error);
    if (!kind || kind === "unavailable" || kind === "busy") return;
    throw new DatabaseUnusable(kind, where, `SQLite said: ${describe(error)}. Nothing was changed; fix this and start Charter again.`);
  } finally {
    probe?.close();
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface OpenOptions {
  /**
   * Refuse a SQLite file that cannot take writes (DatabaseUnusable), so a
   * process fails once at start-up with a clear reason instead of failing
   * every write later. Default true; false for read-only uses.
   */
  requireWritable?: boolean;
}

/** Opens a Prisma client for the URL; it connects on first use. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = resolveDatabaseUrl(url);
  if (target.provider === "sqlite" && options.requireWritable !== false) ensureSqliteFolder(target);
  const prisma = target.provider === "sqlite" ? await openSqlite(target) : await openPostgres(target);
  return {
    provider: target.provider,
    prisma,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}

// Interactive transactions queue behind each other (one SQLite connection,
// a bounded PostgreSQL pool); give them room before failing.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

async function openSqlite(target: DatabaseUrl): Promise<Client> {
  mkdirSync(dirname(target.filePath!), { recursive: true });
  const [{ PrismaClient: SqliteClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("../generated/sqlite/client.js"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // The adapter leaves SQLite's defaults: WAL lets readers run beside a writer,
  // foreign keys must be switched on per connection.
  class ConfiguredSQLite3 extends PrismaBetterSQLite3 {
    override async connect() {
      const connection = await super.connect();
      await connection.executeScript(
        `PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL;`,
      );
      return oneAtATime(connection);
    }
  }
  const adapter = new ConfiguredSQLite3({ url: target.filePath!, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqliteClient({ adapter, transactionOptions });
}

async function openPostgres(target: DatabaseUrl): Promise<Client> {
  const [{ PrismaClient: PostgresClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import("../generated/postgresql/client.js"),
    import("@prisma/adapter-pg"),
    import("pg"),
  ]);
  /**
   * A connection whose server goes away (failover, pg_terminate_backend, a
   * restart) emits 'error', sometimes twice or while no pool or query
   * listener is attached; an 'error' event without a listener kills the
   * process. The pool and queries still see the failure and drop the client.
   */
  class ResilientClient extends pg.Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on("error", () => undefined);
    }
  }
  /**
   * Prisma ends an interactive transaction with COMMIT or ROLLBACK and only
   * then hands the connection back to the pool; when that statement fails on
   * a dead connection the connection is never handed back, so after a few
   * drops the pool is exhausted and every query waits forever. Handing it back
   * with the error removes it from the pool instead.
   */
  class ReleasingPrismaPg extends PrismaPg {
    override async connect() {
      const adapter = await super.connect();
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => {
        const tx = await startTransaction(isolationLevel);
        const executeRaw = tx.executeRaw.bind(tx);
        tx.executeRaw = async (query) => {
          try {
            return await executeRaw(query);
          } catch (error) {
            if (query.sql === "COMMIT" || query.sql === "ROLLBACK") releaseBroken(tx, error);
            throw error;
          }
        };
        return tx;
      };
      return adapter;
    }
  }
  // Without a connect timeout a server that stops answering (rather than refusing) holds each command for minutes.
  const adapter = new ReleasingPrismaPg({
    connectionString: target.url,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    Client: ResilientClient,
  });
  const client = new PostgresClient({ adapter, transactionOptions });
  return client as unknown as Client;
}

/** The adapter's transaction keeps its pool client and error-listener cleanup in these fields. */
function releaseBroken(tx: object, error: unknown): void {
  const held = tx as { client?: { release?: (error?: Error | boolean) => void }; cleanup?: () => void };
  held.cleanup?.();
  try {
    held.client?.release?.(error instanceof Error ? error : true);
  } catch {
    // Already handed back: nothing leaks.
  }
}
