/**
 * SQLite that cannot take writes. At run time (the file may not grow: a full
 * disk or a file size limit, imposed on a running `charter start` with
 * RLIMIT_FSIZE) a write fails with a friendly private answer, leaves nothing
 * behind, the process stays up and keeps answering reads, and writes work
 * again once the limit is gone, without a restart. At start-up (a read-only
 * file, a path that is not a file) `charter start` exits once, non-zero,
 * with one clear line and no stack trace.
 */
import { execFileSync, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/migrate.js";
import { charter, startCharter } from "../e2e/charter-binary.js";
import { DEFAULT_TENANT, startSlackApi, type SlackApi } from "../support/slack/index.js";
import { expectNoInternals, pm, slackCharterEnv } from "./support.js";

const SAVED = /Logged \$/;
const NOT_SAVED = /nothing was saved/i;

function hasPrlimit(): boolean {
  return spawnSync("prlimit", ["--version"]).status === 0;
}

/** Rows and audit events of the cost notes, read with a connection of its own. */
function costRows(file: string, note: string): { costs: number; audits: number } {
  const db = new Database(file, { readonly: true });
  try {
    const costs = (
      db.prepare(`SELECT count(*) AS n FROM "CostEntry" WHERE "tenantId" = ? AND note = ?`).get(DEFAULT_TENANT, note) as { n: number }
    ).n;
    const audits = (
      db
        .prepare(`SELECT count(*) AS n FROM "AuditEvent" WHERE "tenantId" = ? AND action = 'cost.add' AND after LIKE ?`)
        .get(DEFAULT_TENANT, `%${note}%`) as { n: number }
    ).n;
    return { costs, audits };
  } finally {
    db.close();
  }
}

describe("charter start on SQLite that cannot take writes", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "charter-unwritable-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // prlimit (util-linux) sets the limit on the running process; CI must have it.
  describe.skipIf(!hasPrlimit() && process.env.CI !== "true")("at run time", () => {
    let api: SlackApi;
    let child: ChildProcess | undefined;
    let readWhileUnwritable: string | undefined;
    beforeAll(async () => {
      api = await startSlackApi();
    });
    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await api?.close();
    });

    it("refuses a write it cannot make, stays up, and writes again once it can", async () => {
      const file = join(dir, "charter.db");
      const env = slackCharterEnv(`file:${file}`, api, "warn");
      const started = await startCharter(env);
      child = started.child;
      const running = { url: started.url };
      expect((await pm(running, api, 'project create "Apollo" budget 10000 USD')).text).toContain("Apollo");
      expect((await pm(running, api, 'cost add 5 USD other "before"')).text).toMatch(SAVED);

      // From now on the process may not grow any file past one byte (soft limit, so it can be lifted unprivileged): every database write fails (EFBIG).
      execFileSync("prlimit", ["--pid", String(child.pid), "--fsize=1:"]);
      const refused = await pm(running, api, 'cost add 7 USD other "during"');
      expect(refused.text).toMatch(NOT_SAVED);
      expect(refused.private).toBe(true);
      expectNoInternals(refused.text);
      expect(costRows(file, "during")).toEqual({ costs: 0, audits: 0 });

      // Still up, and still answering (see the next test for what a read should answer).
      const list = await pm(running, api, "cost list");
      expectNoInternals(list.text);
      readWhileUnwritable = list.text;
      expect(child.exitCode).toBeNull();
      expect((await fetch(`${started.url}/healthz`)).status).toBe(200);

      // The limit lifts (space is freed): the same process saves again, once.
      execFileSync("prlimit", ["--pid", String(child.pid), "--fsize=unlimited:"]);
      expect((await pm(running, api, 'cost add 9 USD other "after"')).text).toMatch(SAVED);
      expect(costRows(file, "after")).toEqual({ costs: 1, audits: 1 });
      expect(costRows(file, "during")).toEqual({ costs: 0, audits: 0 });
      expect(child.exitCode).toBeNull();
    }, 60_000);

    /**
     * A read answers with what the database holds although nothing can be
     * written: the claim that ignores Slack's retries is skipped then, and the
     * member is only read when nothing about them changed.
     */
    it("answers reads while it cannot write", () => {
      expect(readWhileUnwritable).toContain("before");
      expect(readWhileUnwritable).not.toMatch(NOT_SAVED);
    });
  });

  /** `charter start` must end by itself, once: not serve, not loop. */
  async function startOnce(env: Record<string, string>) {
    const began = Date.now();
    const result = await charter(["start"], { PORT: "0", HOST: "127.0.0.1", ...env });
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
    return { ...result, lines, ms: Date.now() - began };
  }

  /**
   * Makes the migrated database file read-only to this process: immutable as
   * root (chmod does not stop root), mode 0444 in a 0555 folder otherwise.
   * Returns the undo, or undefined when neither takes effect here.
   */
  function makeReadOnly(file: string): (() => void) | undefined {
    const folder = join(file, "..");
    const stillWritable = () => {
      try {
        appendFileSync(file, "");
        writeFileSync(join(folder, ".probe"), "");
        return true;
      } catch {
        return false;
      }
    };
    if (process.getuid?.() === 0) {
      if (spawnSync("chattr", ["+i", file]).status !== 0) return undefined;
      const undo = () => void spawnSync("chattr", ["-i", file]);
      // An immutable file refuses to be opened for writing, even by root.
      try {
        appendFileSync(file, "");
        undo();
        return undefined;
      } catch {
        return undo;
      }
    }
    chmodSync(file, 0o444);
    chmodSync(folder, 0o555);
    const undo = () => {
      chmodSync(folder, 0o755);
      chmodSync(file, 0o644);
    };
    if (stillWritable()) {
      undo();
      return undefined;
    }
    return undo;
  }

  it("exits once with one clear line when the database file is read-only", async (context) => {
    const file = join(dir, "data", "charter.db");
    const env = { DATABASE_URL: `file:${file}` };
    await migrate(env.DATABASE_URL);
    const undo = makeReadOnly(file);
    if (!undo) return context.skip("this machine cannot make a file read-only to this process");
    try {
      const result = await startOnce(env);
      expect(result.code).not.toBe(0);
      expect(result.stdout).not.toContain("Charter is running");
      expect(result.lines).toHaveLength(1);
      expect(result.lines[0]).toContain(file);
      expect(result.lines[0]).toMatch(/read-only/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      undo();
    }
    // Nothing was written meanwhile: the file still answers and holds no project.
    const db = new Database(file, { readonly: true });
    expect((db.prepare(`SELECT count(*) AS n FROM "Project"`).get() as { n: number }).n).toBe(0);
    db.close();
  });

  it("exits once with one clear line when the database path cannot be a file", async () => {
    // A folder where the database file should be.
    const path = join(dir, "charter.db");
    mkdirSync(path);
    const result = await startOnce({ DATABASE_URL: `file:${path}` });
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain("Charter is running");
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toContain(path);
    expect(result.lines[0]).toMatch(/cannot be opened/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
