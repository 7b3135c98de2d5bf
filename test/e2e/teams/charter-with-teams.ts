/**
 * The built `charter start` with Teams on, on a fresh SQLite database, and
 * the test's own view of that database to check what was stored. Activities
 * are posted to /api/messages as the Bot Connector posts them.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NO_RATE_LIMITS } from "../../support/rate-limits.js";
import type { Store } from "../../../src/core/store.js";
import { openDatabase, type Database } from "../../../src/store/database.js";
import { conversationRefsRepository, createStore, type ConversationRefsRepository } from "../../../src/store/index.js";
import { migrate } from "../../../src/store/migrate.js";
import { startCharter } from "../charter-binary.js";

export interface TeamsCharter {
  url: string;
  db: Database;
  store: Store;
  conversations: ConversationRefsRepository;
  output(): string;
  /** POSTs an activity to /api/messages; the answer's status and JSON body (if any). */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export async function startCharterWithTeams(env: Record<string, string>): Promise<TeamsCharter> {
  const dir = await mkdtemp(join(tmpdir(), "charter-teams-"));
  const base = { DATABASE_URL: `file:${join(dir, "charter.db")}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...NO_RATE_LIMITS };
  await migrate(base.DATABASE_URL);
  let child: ChildProcess | undefined;
  let db: Database | undefined;
  try {
    const started = await startCharter({ ...base, ...env });
    child = started.child;
    db = await openDatabase(base.DATABASE_URL);
    const opened = db;
    return {
      url: started.url,
      db: opened,
      store: createStore(opened),
      conversations: conversationRefsRepository(opened),
      output: started.output,
      async post(activity, headers = {}) {
        const res = await fetch(`${started.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(activity),
        });
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
      },
      async stop() {
        await stopChild(child);
        await opened.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child);
    await db?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
