/**
 * Global setup of the projects whose tests open databases: runs the
 * migrations once per test run, into a SQLite template file and (when the
 * server answers) a PostgreSQL template database. Each suite's database is then
 * a copy of a template (test/support/db.ts) instead of a fresh migration.
 * Teardown deletes both templates, so a run leaves no database behind.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/store/migrate.js";
import { adminQuery, dropDatabase, PG_ADMIN_URL, postgresAvailable, urlWithDatabase } from "../support/pg-admin.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated SQLite file that suites copy. */
    sqliteTemplate: string;
    /** A migrated PostgreSQL database that suites use as CREATE DATABASE's template; null when the server is unreachable. */
    postgresTemplate: string | null;
    /** Whether the PostgreSQL test server answered when the run started. */
    postgresReachable: boolean;
  }
}

interface Templates {
  sqliteTemplate: string;
  postgresTemplate: string | null;
  postgresReachable: boolean;
  remove(): Promise<void>;
}

async function createTemplates(): Promise<Templates> {
  const dir = await mkdtemp(join(tmpdir(), "charter-template-"));
  const sqliteTemplate = join(dir, "charter.db");
  let postgresTemplate: string | null = null;
  const remove = async () => {
    if (postgresTemplate) await dropDatabase(postgresTemplate);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // migrate() closes its connection, which folds SQLite's WAL into the file: the one file is the whole database.
    await migrate(`file:${sqliteTemplate}`);
    const postgresReachable = await postgresAvailable();
    if (postgresReachable) {
      const name = `charter_template_${randomBytes(6).toString("hex")}`;
      await adminQuery(`CREATE DATABASE "${name}"`);
      postgresTemplate = name;
      // Closes its connection too: CREATE DATABASE ... TEMPLATE refuses a template anyone is connected to.
      await migrate(urlWithDatabase(PG_ADMIN_URL, name));
    }
    return { sqliteTemplate, postgresTemplate, postgresReachable, remove };
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
}

/**
 * Each project runs its own global setup, and the db and e2e projects both
 * name this one: they share one set of templates (the setups run in the same
 * process), and the last teardown removes it.
 */
const SHARED = Symbol.for("charter.test.templates");
type Shared = { templates: Promise<Templates>; users: number };
const registry = globalThis as typeof globalThis & { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (registry[SHARED] ??= { templates: createTemplates(), users: 0 });
  shared.users += 1;
  const templates = await shared.templates;
  project.provide("sqliteTemplate", templates.sqliteTemplate);
  project.provide("postgresTemplate", templates.postgresTemplate);
  project.provide("postgresReachable", templates.postgresReachable);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    await templates.remove();
  };
}
