/**
 * `charter run` hands over a reply's files by writing them to disk and
 * printing their paths: into ./charter-files/ by default or `--out <dir>`,
 * never over an existing file. `--json` prints the bytes as base64 instead
 * and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { runCli } from "../support/cli.js";

describe("charter run with files", () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let cwd: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: false });
    env = { DATABASE_URL: database.url };
    cwd = mkdtempSync(join(tmpdir(), "charter-cli-files-"));
    const created = await runCli(["run", "--", "project", "create", "Apollo", "budget", "10000", "USD"], env, cwd);
    expect(created.code).toBe(0);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  const savedPaths = (stdout: string) => [...stdout.matchAll(/^File saved to (.+)$/gm)].map((m) => m[1]!);

  it("writes the files into ./charter-files/ (made on demand) and prints each absolute path", async () => {
    expect(existsSync(join(cwd, "charter-files"))).toBe(false);
    const result = await runCli(["run", "--", "report", "export", "csv"], env, cwd);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const paths = savedPaths(result.stdout);
    expect(paths).toEqual(["tasks.csv", "costs.csv", "risks.csv", "kpis.csv"].map((name) => join(cwd, "charter-files", name)));
    for (const path of paths) expect(readFileSync(path, "utf8")).toMatch(/^\uFEFF\S/);
    expect(result.stdout).not.toContain("[file:");
  });

  it("writes into --out and never overwrites: a second run gets -2 names", async () => {
    const out = join(cwd, "exports");
    const first = await runCli(["run", "--out", out, "--", "report", "export", "csv"], env, cwd);
    const second = await runCli(["run", "--out", "exports", "--", "report", "export", "csv"], env, cwd);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(savedPaths(first.stdout)[0]).toBe(join(out, "tasks.csv"));
    expect(savedPaths(second.stdout)).toEqual(["tasks-2.csv", "costs-2.csv", "risks-2.csv", "kpis-2.csv"].map((name) => join(out, name)));
    expect(readdirSync(out)).toHaveLength(8);
  });

  it("prints the bytes as base64 with --json and writes nothing", async () => {
    const out = join(cwd, "json-out");
    const result = await runCli(["run", "--json", "--out", out, "--", "report", "export", "csv"], env, cwd);
    expect(result.code).toBe(0);
    const reply = JSON.parse(result.stdout) as { blocks: { kind: string; name?: string; bytes?: string }[] };
    const files = reply.blocks.filter((b) => b.kind === "file");
    expect(files.map((f) => f.name)).toEqual(["tasks.csv", "costs.csv", "risks.csv", "kpis.csv"]);
    expect(Buffer.from(files[0]!.bytes!, "base64").toString("utf8")).toMatch(/^\uFEFF/);
    expect(existsSync(out)).toBe(false);
  });

  it("documents --out and refuses an empty one", async () => {
    const help = await runCli(["--help"], env, cwd);
    expect(help.stdout).toContain("--out <dir>");
    const empty = await runCli(["run", "--out", " ", "--", "help"], env, cwd);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--out can't be empty.");
  });
});
