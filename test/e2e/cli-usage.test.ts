import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { charter, CLI, startCharter } from "./charter-binary.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "charter-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("charter command line", () => {
  it("lists its commands with --help", async () => {
    const help = await charter(["--help"], {}, dir);
    expect(help.code).toBe(0);
    for (const word of ["charter start", "charter run", "charter shell", "charter db migrate", "--tenant", "--json"]) {
      expect(help.stdout).toContain(word);
    }
  });

  it("exits 2 on misuse", async () => {
    expect((await charter(["frobnicate"], {}, dir)).code).toBe(2);
    expect((await charter(["run", "--"], {}, dir)).code).toBe(2);
    expect((await charter(["run", "--colour", "--", "help"], {}, dir)).code).toBe(2);
    expect((await charter(["db", "drop"], {}, dir)).code).toBe(2);
  });

  it("names a wrong environment variable and what it expects, exit 2", async () => {
    const result = await charter(["run", "--", "help"], { DATABASE_URL: "mysql://root:s3cret@db/charter" }, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).not.toContain("s3cret");
  });

  it("defaults to ./data/charter.db when DATABASE_URL is unset", async () => {
    const result = await charter(["run", "--", "project", "list"], {}, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No projects yet");
    const { existsSync } = await import("node:fs");
    expect(existsSync(join(dir, "data", "charter.db"))).toBe(true);
  });

  it("runs an interactive shell that answers each line", async () => {
    const child = spawn(process.execPath, [CLI, "shell", "--channel", "war-room"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: dir, CHARTER_HISTORY_FILE: join(dir, "history") },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stdin.write('project create "Shell test" budget 500 EUR\ncost add 50 EUR travel Taxi\nbudget\nexit\n');
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("Created project Shell test");
    expect(out).toContain("€450.00");
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(join(dir, "history"), "utf8")).toContain("cost add 50 EUR travel Taxi");
  });

  it("starts with nothing configured, says how to try it, answers /healthz, and stops on SIGTERM", async () => {
    const { child, url, output } = await startCharter({ PORT: "0" }, dir);
    try {
      expect(output()).toContain("No chat platform is connected");
      expect(output()).toContain("npx charter shell");
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", database: "ok" });
      expect((await fetch(`${url}/nope`)).status).toBe(404);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
  });
});
