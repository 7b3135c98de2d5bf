import { spawnSync } from "node:child_process";
import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider, PG_ADMIN_URL } from "../support/db.js";

const REPO = resolve(import.meta.dirname, "../..");

function script(...args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO, "scripts/prisma.mjs"), ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, CHARTER_PG_ADMIN_URL: PG_ADMIN_URL },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describeEachProvider("db:check", (provider) => {
  let copy: string;

  beforeAll(async () => {
    // A checkout whose base schema gained a model that no migration creates.
    copy = await mkdtemp(join(tmpdir(), "charter-check-"));
    await cp(join(REPO, "prisma"), join(copy, "prisma"), { recursive: true });
    await appendFile(join(copy, "prisma/schema.base.prisma"), `\nmodel Extra {\n  id String @id\n}\n`);
  });
  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it("passes for the checked-in schema and migrations", () => {
    const result = script("check", "--provider", provider);
    expect(result.output).toContain("up to date");
    expect(result.status).toBe(0);
  });

  it("fails when the provider schema is older than the base schema", () => {
    const result = script("check", "--provider", provider, "--root", copy);
    expect(result.status).toBe(1);
    expect(result.output).toContain(`prisma/${provider}/schema.prisma is out of date with prisma/schema.base.prisma`);
  });

  it("fails when the migrations do not produce the schema", () => {
    expect(script("generate", "--schemas-only", "--root", copy).status).toBe(0);
    const result = script("check", "--provider", provider, "--root", copy);
    expect(result.status).toBe(1);
    expect(result.output).toContain(`prisma/${provider}/migrations does not produce prisma/${provider}/schema.prisma`);
    expect(result.output).toContain(`CREATE TABLE "Extra"`);
  });

  it("passes again once a migration for the change exists", () => {
    const created = script("migration", "add_extra", "--provider", provider, "--root", copy);
    expect(created.status, created.output).toBe(0);
    expect(created.output).toMatch(new RegExp(`prisma/${provider}/migrations/\\d{14}_add_extra`));
    const result = script("check", "--provider", provider, "--root", copy);
    expect(result.status, result.output).toBe(0);
  });
});
