// Prisma CLI configuration for the PostgreSQL schema (used by scripts/prisma.mjs).
// The WebAssembly schema engine ("js") with a driver adapter needs no native
// engine download, so the CLI works offline.
import { randomUUID } from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// adapter-pg 6.19 cannot deserialise the catalog types `name` (OID 19) and
// `"char"` (18), nor arrays of them, which the schema engine's introspection
// reads (prisma/orm#27403); report them as text / text[].
const CATALOG_TYPE_AS_TEXT = new Map([
  [18, 25],
  [19, 25],
  [1002, 1009],
  [1003, 1009],
]);

function catalogTypesAsText<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) field.dataTypeID = CATALOG_TYPE_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  return result;
}

const patched = Symbol("catalogTypesAsText");

class CatalogPool extends pg.Pool {
  override query(...args: unknown[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return result instanceof Promise ? result.then(catalogTypesAsText) : result;
  }

  override connect(...args: unknown[]): any {
    // pool.query uses the callback form internally; leave it alone.
    if (args.length > 0) return (super.connect as (...a: unknown[]) => unknown)(...args);
    return super.connect().then((client) => {
      const marked = client as pg.PoolClient & { [patched]?: true };
      if (!marked[patched]) {
        const query = client.query.bind(client) as (...a: unknown[]) => unknown;
        (client as { query: unknown }).query = (...a: unknown[]) => {
          const result = query(...a);
          return result instanceof Promise ? result.then(catalogTypesAsText) : result;
        };
        marked[patched] = true;
      }
      return client;
    });
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// The stock shadow database reuses the pool's options: a connection string
// there names the main database again, and the catalog-type fix above would be
// missing. Create, connect and drop it explicitly.
class CliPrismaPg extends PrismaPg {
  readonly #url: string;

  constructor(url: string) {
    super(new CatalogPool({ connectionString: url, allowExitOnIdle: true }), { disposeExternalPool: true });
    this.#url = url;
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await adminQuery(this.#url, `CREATE DATABASE "${database}"`);
    const adapter = await new PrismaPg(new CatalogPool({ connectionString: withDatabase(this.#url, database), allowExitOnIdle: true }), {
      disposeExternalPool: true,
    }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adminQuery(this.#url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "./schema.prisma",
  migrations: { path: "./migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url || !/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("Set DATABASE_URL to a postgres:// or postgresql:// url to use the PostgreSQL schema.");
    }
    return new CliPrismaPg(url);
  },
});
