/** `charter scheduler run-due | list` through the CLI's main, on both databases. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { runCli } from "../support/cli.js";

describeEachProvider("charter scheduler", (provider) => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: false });
    env = { DATABASE_URL: database.url };
  });
  afterAll(() => database.drop());

  const run = (...words: string[]) => runCli(["run", "--", ...words], env);

  it("runs one tick as of --at, once, and lists what comes next", async () => {
    expect((await run("project", "create", "Apollo")).code).toBe(0);
    // As of Thursday 13:00 Berlin: that day's 09:00 had passed, so the first standup is Friday's.
    const setup = await runCli(
      ["run", "--at", "2026-03-26T12:00:00Z", "--", "standup", "setup", "days", "mon-fri", "at", "09:00", "tz", "Europe/Berlin"],
      env,
    );
    expect(setup.stdout).toContain("mon-fri at 09:00 Europe/Berlin");
    expect(setup.code).toBe(0);

    const list = await runCli(["scheduler", "list", "--at", "2026-03-27T00:00:00Z", "--days", "4"], env);
    expect(list.code).toBe(0);
    expect(
      list.stdout
        .trim()
        .split("\n")
        .map((l) => l.split("  ")[0]),
    ).toEqual(["2026-03-27T08:00:00Z", "2026-03-30T07:00:00Z"]);

    const early = await runCli(["scheduler", "run-due", "--at", "2026-03-30T06:59:00Z"], env);
    expect(early).toMatchObject({ code: 0, stderr: "" });
    expect(early.stdout).toContain("Nothing was due");

    const due = await runCli(["scheduler", "run-due", "--at", "2026-03-30T07:00:00Z"], env);
    expect(due.stderr).toBe("");
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/^done {2}standup-prompt {2}\S+ {2}2026-03-30 {2}due 2026-03-30T07:00:00.000Z/);
    expect(due.stdout.trim().split("\n")).toHaveLength(1);

    const again = await runCli(["scheduler", "run-due", "--at", "2026-03-30T07:00:00Z"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already-claimed {2}standup-prompt/);
    expect(await database.db.prisma.outboxMessage.count({ where: { kind: "standup-prompt" } })).toBe(1);

    // A stopped standup is no longer listed.
    expect((await run("standup", "stop")).code).toBe(0);
    const stopped = await runCli(["scheduler", "list", "--at", "2026-03-27T00:00:00Z", "--days", "4"], env);
    expect(stopped.stdout).toContain("Nothing is scheduled");
  });

  it("rejects a missing or unreadable --at with exit 2", async () => {
    expect((await runCli(["scheduler", "run-due"], env)).code).toBe(2);
    const bad = await runCli(["scheduler", "run-due", "--at", "monday"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("not an ISO instant");
    const badRun = await runCli(["run", "--at", "monday", "--", "help"], env);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toContain("not an ISO instant");
  });
});
