import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heading, reply, text } from "../../src/core/views/reply.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { openDatabase } from "../../src/store/database.js";
import { runCli } from "../support/cli.js";

let dir: string;
let env: Record<string, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "charter-outbox-"));
  env = { DATABASE_URL: `file:${join(dir, "charter.db")}` };
  // The CLI creates and migrates the database, as a user's first command would.
  expect((await runCli(["run", "--", "project", "create", "Apollo"], env)).code).toBe(0);
  const db = await openDatabase(env.DATABASE_URL!);
  try {
    const queue = outboxQueue(db);
    const digest = reply("Weekly digest", [heading("Weekly digest: Apollo"), text("On track.\nBudget 40 % used.")], "channel");
    ids.digest = (
      await queue.enqueue("local", "local", { channelId: "local", kind: "digest", dedupeKey: "digest:apollo:2026-W48", reply: digest })
    ).id;
    await new Promise((r) => setTimeout(r, 10));
    const alert = reply("Budget alert", [text("Apollo passed 80 % of its budget.")], "channel");
    ids.alert = (
      await queue.enqueue("T0SLACK", "slack", { channelId: "C0PM", kind: "alert", dedupeKey: "budget:apollo:80", reply: alert })
    ).id;
  } finally {
    await db.close();
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("charter outbox", () => {
  it("prints the queued messages as JSON, newest first", async () => {
    const result = await runCli(["outbox", "--json"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(items.map((i) => Object.keys(i).sort())).toEqual(
      Array(2).fill(["channel", "createdAt", "id", "kind", "platform", "status", "text"]),
    );
    expect(items[0]).toMatchObject({ id: ids.alert, platform: "slack", channel: "C0PM", kind: "alert", status: "pending" });
    expect(items[1]).toMatchObject({ id: ids.digest, platform: "local", channel: "local", kind: "digest", status: "pending" });
    expect(items[1]!.text).toContain("Weekly digest: Apollo");
    for (const item of items) expect(new Date(item.createdAt as string).toISOString()).toBe(item.createdAt);
  });

  it("filters by tenant and limits the count", async () => {
    const byTenant = JSON.parse((await runCli(["outbox", "--json", "--tenant", "local"], env)).stdout) as { id: string }[];
    expect(byTenant.map((i) => i.id)).toEqual([ids.digest]);
    const limited = JSON.parse((await runCli(["outbox", "--json", "--limit", "1"], env)).stdout) as { id: string }[];
    expect(limited.map((i) => i.id)).toEqual([ids.alert]);
    expect((await runCli(["outbox", "--limit", "zero"], env)).code).toBe(2);
  });

  it("lists one line per message for people", async () => {
    const result = await runCli(["outbox"], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^slack\s+C0PM\s+alert\s+pending\s+\d{4}-\d\d-\d\dT.*Z\s+\S/);
    expect(lines[1]).toMatch(/^local\s+local\s+digest\s+pending\s+.*Weekly digest: Apollo/);
  });

  it("says so when the outbox is empty", async () => {
    const result = await runCli(["outbox", "--tenant", "local:nobody"], env);
    expect(result.stdout.trim()).toBe("The outbox is empty.");
  });
});
