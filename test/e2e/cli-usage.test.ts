/**
 * The command line itself: help, misuse, configuration errors, the default
 * database and the interactive shell, run in-process through the CLI's main.
 * The built binary is covered by cli-binary.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "charter-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("charter command line", () => {
  it("lists its commands with --help", async () => {
    const help = await runCli(["--help"], {}, dir);
    expect(help.code).toBe(0);
    for (const word of ["charter start", "charter run", "charter shell", "charter db migrate", "--tenant", "--json"]) {
      expect(help.stdout).toContain(word);
    }
  });

  it("exits 2 on misuse", async () => {
    expect((await runCli(["frobnicate"], {}, dir)).code).toBe(2);
    expect((await runCli(["run", "--"], {}, dir)).code).toBe(2);
    expect((await runCli(["run", "--colour", "--", "help"], {}, dir)).code).toBe(2);
    expect((await runCli(["db", "drop"], {}, dir)).code).toBe(2);
  });

  it("names a wrong environment variable and what it expects, exit 2", async () => {
    const result = await runCli(["run", "--", "help"], { DATABASE_URL: "mysql://root:s3cret@db/charter" }, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).not.toContain("s3cret");
  });

  it("defaults to ./data/charter.db when DATABASE_URL is unset", async () => {
    const result = await runCli(["run", "--", "project", "list"], {}, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No projects yet");
    expect(existsSync(join(dir, "data", "charter.db"))).toBe(true);
  });

  it("runs an interactive shell that answers each line", async () => {
    const result = await runCli(
      ["shell", "--channel", "war-room"],
      { HOME: dir, CHARTER_HISTORY_FILE: join(dir, "history") },
      dir,
      'project create "Shell test" budget 500 EUR\ncost add 50 EUR travel Taxi\nbudget\nexit\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created project Shell test");
    expect(result.stdout).toContain("€450.00");
    expect(readFileSync(join(dir, "history"), "utf8")).toContain("cost add 50 EUR travel Taxi");
  });

  it("keeps the shell's history in ./data/shell-history of the working directory by default", async () => {
    const result = await runCli(["shell"], {}, dir, "project list\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("local-user@local> ");
    expect(readFileSync(join(dir, "data", "shell-history"), "utf8")).toBe("project list\n");
  });
});
