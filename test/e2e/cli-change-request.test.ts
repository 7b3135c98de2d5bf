/**
 * Change requests through `charter run` (in-process), typed by three people
 * (`--user`): the project manager, a stakeholder who approves, and a team
 * member who does not. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { runCli } from "../support/cli.js";

describeEachProvider("change requests from the shell", (provider) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: false });
    env = { DATABASE_URL: database.url };
  });
  afterAll(() => database.drop());

  const as = (user: string, ...words: string[]) => runCli(["run", "--user", user, "--", ...words], env);
  const apollo = async () => (await database.store.projects.findByName("local", "Apollo"))!;
  const writes = async () => (await database.store.audit.list("local", { limit: 10_000 })).length;

  it("applies an approved change once under policy all, refuses others, and rejects without effect", async () => {
    expect(
      (await as("pat", "project", "create", "Apollo", "budget", "10000", "USD", "start", "2026-01-05", "end", "2026-03-27")).code,
    ).toBe(0);
    expect((await as("pat", "stakeholder", "add", "@carol", "role", "Sponsor", "approver")).code).toBe(0);
    expect((await as("pat", "change", "policy", "all")).code).toBe(0);
    const raised = await as(
      "dev",
      "change",
      "request",
      "Single sign-on",
      "cost",
      "+2000",
      "USD",
      "schedule",
      "+5d",
      "scope",
      "SSO with the corporate IdP",
    );
    expect(raised.code).toBe(0);
    expect(raised.stdout).toContain("#1");

    // dev is no approver: refused, nothing written.
    const before = await writes();
    const refused = await as("dev", "change", "approve", "#1");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("Only approvers can decide");
    expect(await writes()).toBe(before);

    // Under `all` the first approval leaves the plan as it was; the last one applies it, once.
    expect((await as("pat", "change", "approve", "#1")).code).toBe(0);
    expect((await apollo()).budgetTotal).toBe(1_000_000n);
    expect((await as("carol", "change", "approve", "#1", "Agreed with security")).code).toBe(0);
    expect((await as("carol", "change", "approve", "#1")).code).toBe(1);
    expect(await apollo()).toMatchObject({ budgetTotal: 1_200_000n, endDate: "2026-04-01" });

    const budget = await as("pat", "budget");
    expect(budget.code).toBe(0);
    expect(budget.stdout).toMatch(/Baseline:\s+\$10,000\.00/);
    expect(budget.stdout).toContain("+$2,000.00");
    expect(budget.stdout).toMatch(/Current plan:\s+\$12,000\.00/);

    // A rejection applies nothing.
    expect((await as("dev", "change", "request", "Mobile app", "cost", "+5000", "USD")).code).toBe(0);
    expect((await as("carol", "change", "reject", "#2", "Not this year")).code).toBe(0);
    expect(await apollo()).toMatchObject({ budgetTotal: 1_200_000n, endDate: "2026-04-01" });
    const shown = await as("pat", "change", "show", "#2");
    expect(shown.stdout).toMatch(/rejected/i);
    expect(shown.stdout).toContain("Not this year");
  });
});
