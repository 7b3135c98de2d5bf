/**
 * Server-level access to the PostgreSQL test server: creating and dropping
 * test databases. No vitest imports, so the run's global setup can use it too.
 *
 * Defaults to postgresql://postgres@127.0.0.1:5432/postgres (trust auth);
 * CHARTER_TEST_PG_URL points elsewhere.
 */
import pg from "pg";

/** Server-level connection used to create and drop test databases. */
export const PG_ADMIN_URL = process.env.CHARTER_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export function urlWithDatabase(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Drops a test database, closing whatever connections are still open to it. */
export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
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
