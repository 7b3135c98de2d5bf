/**
 * What the benchmarks share: the figures' collector, a throwaway database, a
 * store that counts its calls, timing helpers, and `charter start` as a child
 * process that is always stopped, even when a benchmark fails.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createStore, migrate, openDatabase } from "../../dist/store/index.js";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
export const HERE = dirname(fileURLToPath(import.meta.url));

// ------------------------------------------------------------------ figures

const figures = [];

/**
 * Records one figure and prints it as one JSON line. `pass` is true/false
 * against `target`, or null for a figure given for comparison only (a floor).
 */
export function report({ bench, figure, value, unit, target = null, pass = null, ...extra }) {
  const line = { bench, figure, ...extra, value: round(value), unit, target, pass };
  figures.push(line);
  console.log(JSON.stringify(line));
  return line;
}

export const allFigures = () => figures;

const round = (n) => (typeof n === "number" && Number.isFinite(n) ? Math.round(n * 10) / 10 : n);

/** The human-readable summary printed at the end of `npm run bench`. */
export function figureTable(rows = figures) {
  const cells = rows.map((f) => [
    f.bench,
    [
      f.figure,
      f.rate !== undefined ? `@${f.rate}/s` : "",
      f.provider ?? "",
      f.platform ?? "",
      f.round !== undefined ? `round ${f.round}` : "",
    ]
      .filter(Boolean)
      .join(" "),
    `${f.value}${f.unit && f.unit !== "count" ? ` ${f.unit}` : ""}`,
    f.target ?? "",
    f.pass === null ? "info" : f.pass ? "PASS" : "FAIL",
  ]);
  const head = ["bench", "figure", "value", "target", "result"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

// ------------------------------------------------------------------ child processes and temp dirs

const children = new Set();
const tempDirs = new Set();

export function tempDir(prefix = "charter-bench-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Kills what is still running and removes the temp dirs: called on exit, so a crash leaves nothing behind. */
export function cleanUp() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopChild(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process, from /proc (Linux), in bytes; null elsewhere. */
export function rssOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * `charter start` exactly as a user runs it (node dist/cli.js start), on a
 * fresh SQLite file unless DATABASE_URL is given. Resolves once it prints
 * "running on http://…"; the output is read continuously (a full pipe would
 * stall it) and the last 64 KB kept for error messages.
 */
export async function startCharter(env = {}, { timeoutMs = 30_000 } = {}) {
  const dir = tempDir("charter-bench-start-");
  const began = performance.now();
  const child = track(
    spawn(process.execPath, [CLI, "start"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATABASE_URL: `file:${join(dir, "charter.db")}`,
        PORT: "0",
        HOST: "127.0.0.1",
        ...env,
      },
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let out = "";
  const keep = (chunk) => {
    out = (out + chunk.toString()).slice(-65_536);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const stop = async () => {
    await stopChild(child);
    removeTempDir(dir);
  };
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`charter start did not come up within ${timeoutMs} ms:\n${out}`)), timeoutMs);
      const look = () => {
        const match = /running on (http:\/\/\S+?:\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          child.stdout.off("data", look);
          resolve(match[1]);
        }
      };
      child.stdout.on("data", look);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`charter start exited with ${code}:\n${out}`));
      });
    });
    return { child, url, startedMs: performance.now() - began, output: () => out, rss: () => rssOf(child.pid), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ databases and stores

/** A migrated SQLite file in a temp folder, or a fresh PostgreSQL database when asked for and reachable. */
export async function benchDatabase(provider) {
  if (provider === "sqlite") {
    const dir = tempDir();
    const url = `file:${join(dir, "bench.db")}`;
    await migrate(url);
    const db = await openDatabase(url);
    return {
      db,
      store: createStore(db),
      close: async () => {
        await db.close();
        removeTempDir(dir);
      },
    };
  }
  const admin = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `charter_bench_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    return { unavailable: `PostgreSQL at ${new URL(admin).host} is not reachable (${error.code ?? error.message})` };
  }
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let db;
  try {
    await migrate(url.toString());
    db = await openDatabase(url.toString());
  } catch (error) {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
    throw error;
  }
  return {
    db,
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
export const toMb = (bytes) => bytes / 1024 / 1024;

/** Writes in small concurrent batches: fast on PostgreSQL, and SQLite simply queues them. */
export async function inBatches(n, write, size = 50) {
  for (let i = 0; i < n; i += size) await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => write(i + k)));
}
