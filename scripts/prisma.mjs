#!/usr/bin/env node
// Keeps the per-provider Prisma schemas, generated clients and migration
// histories in step with prisma/schema.base.prisma.
//
//   node scripts/prisma.mjs generate            write prisma/<provider>/schema.prisma, generate src/generated/<provider>
//   node scripts/prisma.mjs check               fail when a schema file or a migration history is out of date
//   node scripts/prisma.mjs migration <name>    add the next migration for both providers
//
// Options: --root <dir> works on another checkout (prisma/ and src/generated/ below it);
// --schemas-only (generate) writes the schema files without generating clients;
// --provider <name> (check, migration) works on one provider only; both
// histories must change together, so that is for tests and repairs.
// PostgreSQL work (check, migration) needs a server on which the CLI creates
// and drops a shadow database: CHARTER_PG_ADMIN_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres.
//
// The Prisma CLI runs with the WebAssembly schema engine and a driver adapter
// (prisma/<provider>/prisma.config.ts) so that nothing is downloaded.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROVIDERS = /** @type {const} */ (["sqlite", "postgresql"]);

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA_BIN = join(REPO, "node_modules", ".bin", "prisma");
const require = createRequire(import.meta.url);

/** Datasource urls are placeholders: the CLI connects through prisma.config.ts, the app through src/store/database.ts. */
const PLACEHOLDER_URL = {
  sqlite: "file:./placeholder.db",
  postgresql: "postgresql://placeholder@localhost:5432/placeholder",
};

const DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export class CheckFailure extends Error {}

function paths(root) {
  const prisma = join(root, "prisma");
  return {
    base: join(prisma, "schema.base.prisma"),
    schema: (p) => join(prisma, p, "schema.prisma"),
    config: (p) => join(REPO, "prisma", p, "prisma.config.ts"),
    migrations: (p) => join(prisma, p, "migrations"),
    generated: (p) => join(root, "src", "generated", p),
  };
}

/** The text of prisma/<provider>/schema.prisma for a base schema. */
export function renderSchema(provider, base) {
  // The base file's opening comment is about editing it; the generated file says so itself.
  const body = base.replace(/^(\/\/.*\n|\s*\n)*/, "");
  return `// Generated from prisma/schema.base.prisma by scripts/prisma.mjs (npm run db:generate).
// Do not edit: change the base schema and regenerate.

datasource db {
  provider = "${provider}"
  // Placeholder; connections go through the driver adapter.
  url      = "${PLACEHOLDER_URL[provider]}"
}

generator client {
  provider               = "prisma-client"
  engineType             = "client"
  runtime                = "nodejs"
  moduleFormat           = "esm"
  output                 = "../../src/generated/${provider}"
  generatedFileExtension = "ts"
  importFileExtension    = "js"
}

${body}`;
}

function prismaEnv(databaseUrl) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_DISABLE_WARNINGS: "1",
  };
}

/** Runs the local Prisma CLI; resolves with its output, rejects (with the output) on failure unless allowed. */
function runPrisma(args, { databaseUrl, allowExit = [0] }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PRISMA_BIN, args, { cwd: REPO, env: prismaEnv(databaseUrl), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (allowExit.includes(code ?? -1)) resolvePromise({ code, stdout, stderr });
      else reject(new Error(`prisma ${args[0]} ${args[1] ?? ""} failed (exit ${code}):\n${stdout}${stderr}`.trim()));
    });
  });
}

async function readText(file) {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}

function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

// ---------------------------------------------------------------- generate

async function writeSchemas(root) {
  const p = paths(root);
  const base = await readFile(p.base, "utf8");
  const written = {};
  for (const provider of PROVIDERS) {
    const text = renderSchema(provider, base);
    if ((await readText(p.schema(provider))) !== text) {
      await mkdir(dirname(p.schema(provider)), { recursive: true });
      await writeFile(p.schema(provider), text);
    }
    written[provider] = text;
  }
  return written;
}

async function generateClient(root, provider, schemaText) {
  const p = paths(root);
  const out = p.generated(provider);
  const stampFile = join(out, ".inputs-sha256");
  // The client depends only on the schema text, the Prisma version and the CLI config.
  const stamp = sha256(
    [schemaText, packageVersion("prisma"), packageVersion("@prisma/client"), await readFile(p.config(provider), "utf8")].join("\0"),
  );
  if ((await readText(stampFile))?.trim() === stamp && existsSync(join(out, "client.ts"))) return false;
  await rm(out, { recursive: true, force: true });
  await runPrisma(["generate", "--config", p.config(provider), "--schema", p.schema(provider)], {
    databaseUrl: PLACEHOLDER_URL[provider],
  });
  await writeFile(stampFile, `${stamp}\n`);
  return true;
}

export async function generate(root = REPO, { schemasOnly = false } = {}) {
  const schemas = await writeSchemas(root);
  if (schemasOnly) return [];
  const results = await Promise.all(PROVIDERS.map((provider) => generateClient(root, provider, schemas[provider])));
  return PROVIDERS.filter((_, i) => results[i]);
}

// ---------------------------------------------------------------- temporary databases

function pgAdminUrl() {
  return process.env.CHARTER_PG_ADMIN_URL || DEFAULT_PG_ADMIN_URL;
}

async function withPgClient(url, fn) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL for a CLI run that only needs a shadow database: a throwaway
 * SQLite file, or the PostgreSQL server, on which the CLI config creates and
 * drops its own shadow database.
 */
async function scratchDatabase(provider) {
  if (provider === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "charter-prisma-"));
    return { url: `file:${join(dir, "scratch.db")}`, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const url = pgAdminUrl();
  try {
    await withPgClient(url, (c) => c.query("SELECT 1"));
  } catch (error) {
    throw new CheckFailure(`PostgreSQL is not reachable at ${url} (set CHARTER_PG_ADMIN_URL): ${error.message}`);
  }
  return { url, drop: async () => {} };
}

// ---------------------------------------------------------------- migrations

async function migrationNames(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

/** SQL that takes the provider's migration history to the schema ("" when there is nothing to do). */
async function pendingSql(root, provider) {
  const p = paths(root);
  const from = (await migrationNames(p.migrations(provider))).length > 0 ? ["--from-migrations", p.migrations(provider)] : ["--from-empty"];
  const db = await scratchDatabase(provider);
  try {
    const { code, stdout } = await runPrisma(
      ["migrate", "diff", "--config", p.config(provider), ...from, "--to-schema-datamodel", p.schema(provider), "--script", "--exit-code"],
      // --exit-code: 0 when the history already produces the schema, 2 when SQL is missing.
      { databaseUrl: db.url, allowExit: [0, 2] },
    );
    return code === 2 ? stdout : "";
  } finally {
    await db.drop();
  }
}

function migrationLock(provider) {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

function timestamp(date = new Date()) {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

export async function createMigration(name, root = REPO, providers = PROVIDERS) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new CheckFailure(`migration name must be lower-case words joined by "_", got "${name}"`);
  const p = paths(root);
  await writeSchemas(root);
  const stamp = timestamp();
  const created = await Promise.all(
    providers.map(async (provider) => {
      await mkdir(p.migrations(provider), { recursive: true });
      await writeFile(join(p.migrations(provider), "migration_lock.toml"), migrationLock(provider));
      const sql = await pendingSql(root, provider);
      if (!sql) return null;
      const dir = join(p.migrations(provider), `${stamp}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "migration.sql"), sql);
      return relative(root, dir);
    }),
  );
  return created.filter((dir) => dir !== null);
}

// ---------------------------------------------------------------- check

export async function check(root = REPO, providers = PROVIDERS) {
  const p = paths(root);
  const problems = [];
  const base = await readFile(p.base, "utf8");
  for (const provider of providers) {
    if ((await readText(p.schema(provider))) !== renderSchema(provider, base)) {
      problems.push(`prisma/${provider}/schema.prisma is out of date with prisma/schema.base.prisma (run npm run db:generate).`);
    }
  }
  if (problems.length > 0) throw new CheckFailure(problems.join("\n"));
  const drift = await Promise.all(
    providers.map(async (provider) => {
      if (!existsSync(join(p.migrations(provider), "migration_lock.toml"))) {
        return `prisma/${provider}/migrations/migration_lock.toml is missing.`;
      }
      if ((await migrationNames(p.migrations(provider))).length === 0) return `prisma/${provider}/migrations has no migrations.`;
      const sql = await pendingSql(root, provider);
      if (!sql) return null;
      return (
        `prisma/${provider}/migrations does not produce prisma/${provider}/schema.prisma; ` +
        `create a migration (node scripts/prisma.mjs migration <name>). Missing:\n${sql.trim()}`
      );
    }),
  );
  problems.push(...drift.filter((problem) => problem !== null));
  if (problems.length > 0) throw new CheckFailure(problems.join("\n"));
}

// ---------------------------------------------------------------- command line

async function main(argv) {
  const args = [...argv];
  let root = REPO;
  const rootAt = args.indexOf("--root");
  if (rootAt >= 0) {
    root = resolve(args[rootAt + 1] ?? ".");
    args.splice(rootAt, 2);
  }
  let providers = PROVIDERS;
  const providerAt = args.indexOf("--provider");
  if (providerAt >= 0) {
    const provider = args[providerAt + 1];
    if (!PROVIDERS.includes(provider)) throw new CheckFailure(`--provider must be one of ${PROVIDERS.join(", ")}`);
    providers = [provider];
    args.splice(providerAt, 2);
  }
  const schemasOnly = args.includes("--schemas-only");
  const [command, ...rest] = args.filter((a) => a !== "--schemas-only");
  switch (command) {
    case "generate":
      await generate(root, { schemasOnly });
      return;
    case "check":
      await check(root, providers);
      console.log("Prisma schemas and migrations are up to date.");
      return;
    case "migration": {
      const [name] = rest;
      if (!name) throw new CheckFailure("usage: node scripts/prisma.mjs migration <name>");
      const created = await createMigration(name, root, providers);
      console.log(created.length > 0 ? `Created ${created.join(", ")}` : "No schema changes: no migration created.");
      return;
    }
    default:
      throw new CheckFailure(
        "usage: node scripts/prisma.mjs generate [--schemas-only] | check | migration <name>  [--provider sqlite|postgresql] [--root <dir>]",
      );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof CheckFailure ? error.message : error);
    process.exit(1);
  });
}
