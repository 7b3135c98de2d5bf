import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reply, text } from "../../src/core/views/reply.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { migrate } from "../../src/store/migrate.js";
import { startCharter } from "./charter-binary.js";

let dir: string;
let env: Record<string, string>;
let db: Database;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "charter-outbox-start-"));
  env = { DATABASE_URL: `file:${join(dir, "charter.db")}`, PORT: "0", HOST: "127.0.0.1" };
  await migrate(env.DATABASE_URL!);
  db = await openDatabase(env.DATABASE_URL!);
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

it("charter start delivers the local outbox", async () => {
  const { id } = await outboxQueue(db).enqueue("local", "local", {
    channelId: "local",
    kind: "reminder",
    dedupeKey: "reminder:1",
    reply: reply("Reminder", [text("Status report due Friday.")], "channel"),
  });
  ({ child } = await startCharter(env));
  const deadline = Date.now() + 10_000;
  let status = "pending";
  while (Date.now() < deadline && status !== "sent") {
    await new Promise((r) => setTimeout(r, 100));
    status = (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status;
  }
  expect(status).toBe("sent");
});
