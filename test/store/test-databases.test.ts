/**
 * The tests' own databases (test/support/db.ts): a copy of the run's migrated
 * template is fully migrated, holds no rows and is a database of its own;
 * `migrate: false` still gives an empty one, for the migration tests.
 */
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterEach, expect, inject, it } from "vitest";
import { migrate, migrationsDirectory, readMigrations } from "../../src/store/migrate.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

async function query<T>(t: TestDatabase, sql: string): Promise<T[]> {
  if (t.provider === "sqlite") {
    const db = new Sqlite(t.url.slice("file:".length), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describeEachProvider("test databases", (provider) => {
  const open: TestDatabase[] = [];
  const create = async (options?: { migrate?: boolean }) => {
    const t = await createTestDatabase(provider, options);
    open.push(t);
    return t;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.drop()));
  });

  it("come from the run's template, with every migration applied and no rows", async () => {
    expect(inject(provider === "sqlite" ? "sqliteTemplate" : "postgresTemplate")).toBeTruthy();
    const t = await create();
    const applied = await query<{ migration_name: string; checksum: string }>(
      t,
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(applied).toEqual(readMigrations(migrationsDirectory(provider)).map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    expect(await migrate(t.url)).toEqual([]);
    expect(await query(t, `SELECT id FROM "Tenant"`)).toEqual([]);
  });

  it("are each their own: what one suite writes, another does not see", async () => {
    const [a, b] = await Promise.all([create(), create()]);
    expect(a.url).not.toBe(b.url);
    await a.store.tenants.ensure("t-own", "local");
    expect(await query(a, `SELECT id FROM "Tenant"`)).toHaveLength(1);
    expect(await query(b, `SELECT id FROM "Tenant"`)).toEqual([]);
  });

  it("are empty, without even the migrations table, with migrate: false", async () => {
    const t = await create({ migrate: false });
    const tables =
      provider === "sqlite"
        ? await query(t, `SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await query(t, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables).toEqual([]);
  });
});
