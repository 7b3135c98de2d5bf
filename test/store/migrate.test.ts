import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrate, migrationsDirectory, readMigrations } from "../../src/store/migrate.js";
import { createTestDatabase, describeEachProvider, type TestDatabase, type TestProvider } from "../support/db.js";

const REPO = resolve(import.meta.dirname, "../..");

/** Rows of a query against the test database, through the plain driver. */
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

async function tableExists(t: TestDatabase, table: string): Promise<boolean> {
  const sql =
    t.provider === "sqlite"
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${table}'`
      : `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '${table}'`;
  return (await query(t, sql)).length > 0;
}

/** Runs the Prisma CLI against the test database with the provider's config. */
function prisma(provider: TestProvider, url: string, args: string[]) {
  const result = spawnSync(
    join(REPO, "node_modules/.bin/prisma"),
    [...args, "--config", join(REPO, `prisma/${provider}/prisma.config.ts`)],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

/** A copy of the provider's migrations that a test may change. */
async function copyMigrations(provider: TestProvider): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "charter-migrations-"));
  await cp(migrationsDirectory(provider), dir, { recursive: true });
  return dir;
}

describe("migrationsDirectory", () => {
  it("points at the checked-in migrations of each provider", () => {
    expect(migrationsDirectory("sqlite")).toBe(join(REPO, "prisma/sqlite/migrations/"));
    expect(migrationsDirectory("postgresql")).toBe(join(REPO, "prisma/postgresql/migrations/"));
    expect(readMigrations(migrationsDirectory("sqlite")).map((m) => m.name)).toEqual(
      readMigrations(migrationsDirectory("postgresql")).map((m) => m.name),
    );
  });
});

describeEachProvider("migrate", (provider) => {
  const names = readMigrations(migrationsDirectory(provider)).map((m) => m.name);
  const databases: TestDatabase[] = [];
  const folders: string[] = [];

  async function freshDatabase(): Promise<TestDatabase> {
    const t = await createTestDatabase(provider, { migrate: false });
    databases.push(t);
    return t;
  }

  afterEach(async () => {
    await Promise.all(databases.splice(0).map((t) => t.drop()));
    await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("applies every migration to a fresh database, then nothing", async () => {
    const t = await freshDatabase();
    expect(names.length).toBeGreaterThan(0);
    expect(await migrate(t.url)).toEqual(names);
    expect(await migrate(t.url)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number | bigint }>(
      t,
      `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations(migrationsDirectory(provider)).map((m) => m.checksum));
    expect(await tableExists(t, "Project")).toBe(true);
    await t.db.ping();
  });

  it("applies each migration once when several processes start together", async () => {
    const t = await freshDatabase();
    const results = await Promise.all([migrate(t.url), migrate(t.url), migrate(t.url), migrate(t.url)]);
    expect(results.flat()).toEqual(names);
    const rows = await query(t, `SELECT id FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(names.length);
  });

  it("records migrations so that prisma migrate status agrees", async () => {
    const t = await freshDatabase();
    await migrate(t.url);
    const status = prisma(provider, t.url, ["migrate", "status"]);
    expect(status.output).toContain("Database schema is up to date");
    expect(status.status).toBe(0);
  });

  it("produces exactly the schema", async () => {
    const t = await freshDatabase();
    await migrate(t.url);
    // Introspect what the runner built and compare it with the schema's datamodel.
    const pulled = prisma(provider, t.url, ["db", "pull", "--print"]);
    expect(pulled.status, pulled.output).toBe(0);
    const start = pulled.stdout.search(/^(generator|datasource|model)\b/m);
    const dir = await mkdtemp(join(tmpdir(), "charter-pulled-"));
    folders.push(dir);
    await writeFile(join(dir, "pulled.prisma"), pulled.stdout.slice(start));
    const diff = prisma(provider, t.url, [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      join(dir, "pulled.prisma"),
      "--to-schema-datamodel",
      join(REPO, `prisma/${provider}/schema.prisma`),
      "--exit-code",
    ]);
    expect(diff.output).toContain("No difference detected");
    expect(diff.status).toBe(0);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const dir = await copyMigrations(provider);
    folders.push(dir);
    const t = await freshDatabase();
    await migrate(t.url, { migrationsDir: dir });
    const file = join(dir, names[0]!, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited\n`);
    await expect(migrate(t.url, { migrationsDir: dir })).rejects.toThrow(/was modified after it was applied/);
  });

  it("rolls a failing migration back completely and applies it once fixed", async () => {
    const dir = await copyMigrations(provider);
    folders.push(dir);
    const broken = "29990101000000_broken";
    await mkdir(join(dir, broken));
    const good = `CREATE TABLE "Broken" ("id" INTEGER);\n`;
    await writeFile(join(dir, broken, "migration.sql"), `${good}SELECT * FROM "does_not_exist";\n`);
    const t = await freshDatabase();
    await expect(migrate(t.url, { migrationsDir: dir })).rejects.toThrow(`Migration ${broken} failed`);
    expect(await tableExists(t, "Broken")).toBe(false);
    const rows = await query<{ migration_name: string }>(t, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toEqual(names);

    await writeFile(join(dir, broken, "migration.sql"), good);
    expect(await migrate(t.url, { migrationsDir: dir })).toEqual([broken]);
    expect(await tableExists(t, "Broken")).toBe(true);
  });

  if (provider === "sqlite") {
    it("keeps child rows when a migration redefines a parent table", async () => {
      const dir = await copyMigrations(provider);
      folders.push(dir);
      const t = await freshDatabase();
      await migrate(t.url, { migrationsDir: dir });
      const scope = { tenantId: "T-redefine", actorId: "m1" };
      await t.store.tenants.ensure(scope.tenantId, "slack");
      const project = await t.store.projects.create(scope, { name: "Apollo", currency: "EUR" });
      await t.store.tasks.add(scope, project.id, { title: "Survives" });
      await t.db.close();
      // The shape of Prisma's SQLite table redefinition: copy the parent, drop it, rename the copy.
      const [{ sql: ddl }] = (await query<{ sql: string }>(t, `SELECT sql FROM sqlite_master WHERE name = 'Project'`)) as [{ sql: string }];
      const redefine = "29990101000000_redefine_project";
      await mkdir(join(dir, redefine));
      await writeFile(
        join(dir, redefine, "migration.sql"),
        `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
${ddl.replace('CREATE TABLE "Project"', 'CREATE TABLE "new_Project"')};
INSERT INTO "new_Project" SELECT * FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE UNIQUE INDEX "Project_tenantId_nameKey_key" ON "Project"("tenantId", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
      );
      expect(await migrate(t.url, { migrationsDir: dir })).toEqual([redefine]);
      expect(await query(t, `SELECT title FROM "Task"`)).toEqual([{ title: "Survives" }]);
    });
  }
});

describeEachProvider("migrate start-up cost", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("is quick when nothing is pending", async () => {
    const started = performance.now();
    expect(await migrate(t.url)).toEqual([]);
    // Generous bound; the start-up budget is 2 s for everything.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
