// Prisma CLI configuration for the SQLite schema (used by scripts/prisma.mjs).
// The WebAssembly schema engine ("js") with a driver adapter needs no native
// engine download, so the CLI works offline.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The schema engine replays migrations into the shadow database through
// executeRaw, which better-sqlite3 prepares as one statement; a migration file
// holds many, so run parameterless scripts with exec instead.
class CliPrismaBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
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
    return new CliPrismaBetterSQLite3({ url: url?.startsWith("file:") ? url : "file:./data/charter.db" });
  },
});
