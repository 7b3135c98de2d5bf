/**
 * Opening the database named by DATABASE_URL: a SQLite file (the default) or
 * PostgreSQL, both through Prisma's driver adapters (no native query engine).
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../generated/sqlite/client.js";

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

/** How long a SQLite writer waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Reads DATABASE_URL: unset, empty or `file:` means SQLite (relative paths
 * resolve against the working directory), `postgres://` / `postgresql://`
 * means PostgreSQL.
 */
export function resolveDatabaseUrl(raw: string | undefined): DatabaseUrl {
  const value = raw?.trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith("file:")) {
    const location = value.startsWith("file://") ? fileURLToPath(value.split("?")[0]!) : value.slice("file:".length).split("?")[0]!;
    // In-memory SQLite is one database per connection, so migrations would not be seen.
    if (location === "" || location === ":memory:") throw invalidUrl(value);
    const filePath = resolve(location);
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

/** Creates the folder of a SQLite file so a fresh checkout can start without setup. */
export function ensureSqliteFolder(target: DatabaseUrl): void {
  if (target.filePath) mkdirSync(dirname(target.filePath), { recursive: true });
}

/** Opens a Prisma client for the URL; it connects on first use. */
export async function openDatabase(url: string): Promise<Database> {
  const target = resolveDatabaseUrl(url);
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
  ensureSqliteFolder(target);
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
      return connection;
    }
  }
  const adapter = new ConfiguredSQLite3({ url: target.filePath!, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqliteClient({ adapter, transactionOptions });
}

async function openPostgres(target: DatabaseUrl): Promise<Client> {
  const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([
    import("../generated/postgresql/client.js"),
    import("@prisma/adapter-pg"),
  ]);
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }), transactionOptions });
  return client as unknown as Client;
}
