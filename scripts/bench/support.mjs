/** What the benchmarks share: a throwaway database, a store that counts its calls, timing figures. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createStore, migrate, openDatabase } from "../../dist/store/index.js";

/** A migrated SQLite file in a temp folder, or a fresh PostgreSQL database when asked for and reachable. */
export async function benchDatabase(provider) {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "charter-bench-"));
    const url = `file:${join(dir, "bench.db")}`;
    await migrate(url);
    const db = await openDatabase(url);
    return { store: createStore(db), close: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `charter_bench_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (error) {
    return { unavailable: `PostgreSQL at ${new URL(admin).host} is not reachable (${error.code ?? error.message})` };
  }
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = await openDatabase(url.toString());
  return {
    store: createStore(db),
    close: async () => {
      await db.close();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The store, with every repository call counted per method. */
export function countingStore(inner) {
  const calls = new Map();
  const store = new Proxy(inner, {
    get(target, group) {
      const repo = target[group];
      return new Proxy(repo, {
        get(r, method) {
          const fn = r[method];
          if (typeof fn !== "function") return fn;
          return (...args) => {
            calls.set(`${String(group)}.${String(method)}`, (calls.get(`${String(group)}.${String(method)}`) ?? 0) + 1);
            return fn.apply(r, args);
          };
        },
      });
    },
  });
  return { store, total: () => [...calls.values()].reduce((a, b) => a + b, 0), calls };
}

/** Runs `fn` `runs` times after one warm-up; returns the times in ms, sorted. */
export async function timed(runs, fn) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export const median = (sorted) => sorted[Math.floor(sorted.length / 2)];
export const ms = (n) => `${n.toFixed(1)} ms`;
export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Writes in small concurrent batches: fast on PostgreSQL, and SQLite simply queues them. */
export async function inBatches(n, write, size = 50) {
  for (let i = 0; i < n; i += size) await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => write(i + k)));
}
