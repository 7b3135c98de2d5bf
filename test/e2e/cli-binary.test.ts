/**
 * The built `charter` binary (dist/cli.js) as a user starts it: what the
 * in-process tests of the command line cannot see, such as the shebang
 * build, exit codes of a real process, and `charter start` serving until
 * SIGTERM. Everything else about the commands runs in-process (test/support/cli.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { charter, CLI, startCharter } from "./charter-binary.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "charter-bin-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the charter binary", () => {
  it("is a node script that prints its version", async () => {
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const version = await charter(["--version"], {}, dir);
    expect(version).toEqual({
      code: 0,
      stdout: `${(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version}\n`,
      stderr: "",
    });
  });

  it("exits 2 on a wrong DATABASE_URL, naming it without echoing it", async () => {
    const result = await charter(["run", "--", "help"], { DATABASE_URL: "mysql://root:s3cret@db/charter" }, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).not.toContain("s3cret");
  });

  it("migrates with db migrate, then runs a chat command against ./data/charter.db of its working directory", async () => {
    const migrated = await charter(["db", "migrate"], {}, dir);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/^Applied \d+ migration\(s\): /);
    expect(existsSync(join(dir, "data", "charter.db"))).toBe(true);
    const help = await charter(["run", "--", "help"], {}, dir);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("project create");
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
