import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/*
 * Three projects; `npm test` runs them all, `npm run test:unit|test:db|test:e2e` one of them.
 *
 *   e2e   test/e2e/**, test/faults/**, test/http/**, test/support-selftest/**: the built binary (built once,
 *         by the project's global setup), live HTTP servers, the browser, injected faults.
 *   db    every other test file that imports test/support/db.ts, directly or through
 *         test/support/scheduler.ts: it opens a SQLite or PostgreSQL database.
 *   unit  the rest: no database, no binary, no servers.
 *
 * The db and e2e projects migrate a template database once per run (test/setup/template-databases.ts)
 * that each suite copies.
 */
const E2E = ["test/e2e/**/*.test.ts", "test/faults/**/*.test.ts", "test/http/**/*.test.ts", "test/support-selftest/**/*.test.ts"];
const DATABASE_HELPERS = ["test/support/db.ts", "test/support/scheduler.ts"];

const ROOT = dirname(fileURLToPath(import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => posix.join(dir, file.split("\\").join("/")));
}

/** Whether a file imports one of the database helpers (relative imports only, .js naming the .ts source). */
function opensDatabase(file: string): boolean {
  const source = readFileSync(join(ROOT, file), "utf8");
  for (const [, specifier] of source.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier!))
      .split("\\")
      .join("/")
      .replace(/\.js$/, ".ts");
    if (DATABASE_HELPERS.includes(target)) return true;
  }
  return false;
}

const isE2e = (file: string) => E2E.some((glob) => file.startsWith(glob.slice(0, glob.indexOf("**"))));
const DB = testFiles("test").filter((file) => !isE2e(file) && opensDatabase(file));

export default defineConfig({
  test: {
    setupFiles: ["test/setup/fast-check.ts"],
    // Store and CLI tests open real SQLite files and PostgreSQL databases.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One pool for all three projects (vitest runs projects with different maxWorkers one after the other).
    // Three workers on two cores: db and e2e files wait on PostgreSQL and child processes much of the time.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...E2E, ...DB],
          pool: "threads",
          // Pure modules: files share a worker's module cache instead of importing src/ again each.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: DB,
          pool: "forks",
          // Each suite has its own database (and tenant); module state such as the Prisma clients is shared.
          isolate: false,
          globalSetup: ["test/setup/template-databases.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: E2E,
          pool: "forks",
          // A test here may launch the binary several times, beside two other workers.
          testTimeout: 60_000,
          globalSetup: ["test/setup/template-databases.ts", "test/setup/build.ts"],
        },
      },
    ],
  },
});
