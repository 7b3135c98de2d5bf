/**
 * `charter run`, as a user runs it (in-process through the CLI's main),
 * against a fresh SQLite file and a fresh PostgreSQL database: the
 * foundation's acceptance sequence.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider, createTestDatabase, type TestDatabase } from "../support/db.js";
import { chat } from "../support/context.js";
import { runCli } from "../support/cli.js";

describeEachProvider("charter run", (provider) => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: false });
    env = { DATABASE_URL: database.url };
  });
  afterAll(() => database.drop());

  const run = (...words: string[]) => runCli(["run", "--", ...words], env);

  it("migrates a fresh database and creates the project", async () => {
    const result = await run("project", "create", "Apollo", "budget", "10000", "USD", "start", "2026-01-05", "end", "2026-03-27");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created project Apollo");
  });

  it("logs costs and reports spent, remaining and percent used", async () => {
    expect((await run("cost", "add", "2500", "USD", "labour", "Sprint 1 contractors")).code).toBe(0);
    expect((await run("cost", "add", "1,200.50", "USD", "software", "Licences")).code).toBe(0);
    const budget = await run("budget");
    expect(budget.code).toBe(0);
    expect(budget.stdout).toContain("3,700.50");
    expect(budget.stdout).toContain("6,299.50");
    expect(budget.stdout).toMatch(/37 ?%/);
  });

  it("rejects a bad amount with exit 1, a message naming it and an example, and writes nothing", async () => {
    const project = await database.store.projects.findByName("local", "Apollo");
    const before = (await database.store.costs.totals("local", project!.id)).count;
    const bad = await run("cost", "add", "abc", "USD", "labour");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/"abc" is not an amount/);
    expect(bad.stdout).toMatch(/Example: `cost add \d/);
    expect((await database.store.costs.totals("local", project!.id)).count).toBe(before);
  });

  it("suggests the command meant by a typo", async () => {
    const typo = await run("cots", "add", "5", "USD", "labour");
    expect(typo.code).toBe(1);
    expect(typo.stdout).toContain("Did you mean `cost`?");
  });

  it("stores a note exactly as the shell passed it", async () => {
    expect((await run("cost", "add", "5", "USD", "travel", 'Dinner, "team"')).code).toBe(0);
    const project = await database.store.projects.findByName("local", "Apollo");
    const [latest] = await database.store.costs.list("local", project!.id);
    expect(latest?.note).toBe('Dinner, "team"');
  });

  it("prints the reply as JSON with --json", async () => {
    const result = await runCli(["run", "--json", "--", "budget"], env);
    expect(result.code).toBe(0);
    const reply = JSON.parse(result.stdout) as { ok: boolean; blocks: { kind: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.blocks.some((b) => b.kind === "progress")).toBe(true);
  });

  it("keeps tenants apart: another workspace cannot see or touch the project", async () => {
    const other = await runCli(["run", "--tenant", "local:other", "--", "project", "show", "Apollo"], env);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('There is no project called "Apollo"');
    const sneak = await runCli(["run", "--tenant", "local:other", "--", "cost", "add", "1", "USD", "other", "in", "Apollo"], env);
    expect(sneak.code).toBe(1);
    const project = await database.store.projects.findByName("local", "Apollo");
    expect((await database.store.costs.totals("local", project!.id)).total).toBe(370050n + 500n);
  });

  it("reaches exactly the Slack workspace --tenant slack:T… names, and leaves it a Slack tenant", async () => {
    const workspace = "slack:T0CLI00001";
    await database.store.tenants.ensure(workspace, "slack", "Acme");
    const pm = chat(database.store, { tenant: workspace, user: "U0PM000001" });
    expect((await pm.say('project create "Gemini" budget 5000 USD')).ok).toBe(true);
    expect((await pm.say('cost add 42 USD travel "Workspace taxi" in Gemini')).ok).toBe(true);

    const listed = await runCli(["run", "--tenant", workspace, "--", "cost", "list", "in", "Gemini"], env);
    expect(listed.code, listed.stdout + listed.stderr).toBe(0);
    expect(listed.stdout).toContain("Workspace taxi");
    const elsewhere = await runCli(["run", "--tenant", "slack:T0CLI00002", "--", "project", "show", "Gemini"], env);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toContain('There is no project called "Gemini"');
    const local = await runCli(["run", "--", "project", "show", "Gemini"], env);
    expect(local.stdout).toContain('There is no project called "Gemini"');
    expect(await database.db.prisma.tenant.findUnique({ where: { id: workspace } })).toMatchObject({ platform: "slack", name: "Acme" });
  });

  it("refuses a --tenant that names no platform with a usage error (exit 2), running nothing", async () => {
    const before = (await database.store.audit.list("local", { limit: 10_000 })).length;
    for (const tenant of ["T0CLI00001", "slack:", "discord:1", "slack:T0 1"]) {
      const refused = await runCli(["run", "--tenant", tenant, "--", "project", "create", "Nope"], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("expected local, local:<name>, slack:<team or enterprise id>");
    }
    const exported = await runCli(["export", "--project", "Apollo", "--tenant", "T0CLI00001"], env);
    expect(exported.code).toBe(2);
    expect((await database.store.audit.list("local", { limit: 10_000 })).length).toBe(before);
    expect(await database.db.prisma.tenant.findUnique({ where: { id: "T0CLI00001" } })).toBeNull();
  });

  it("acts as the given user in the given channel", async () => {
    const created = await runCli(["run", "--user", "dana", "--channel", "ops", "--", "project", "create", "Ops"], env);
    expect(created.code).toBe(0);
    const task = await runCli(["run", "--user", "dana", "--channel", "ops", "--", "task", "add", "Rotate", "keys", "@erin"], env);
    expect(task.code).toBe(0);
    const ops = await database.store.projects.findByName("local", "Ops");
    const manager = await database.store.members.get("local", ops!.managerId);
    expect(manager?.platformUserId).toBe("dana");
    expect((await database.store.tasks.list("local", ops!.id)).map((t) => t.title)).toEqual(["Rotate keys"]);
  });

  it("applies migrations with charter db migrate and says when there is nothing to do", async () => {
    const result = await runCli(["db", "migrate"], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("up to date");
  });
});
