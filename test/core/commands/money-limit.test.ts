/**
 * The money limit through the commands: a cost (or budget, or change impact)
 * that would take the project past 10^15 minor units is refused with the
 * limit in the project's currency and nothing written; a project just under
 * the limit, and one whose costs passed 2^63 before the limit existed, still
 * shows its budget, report, project page and home. Real SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { MONEY_LIMIT } from "../../../src/core/domain/money.js";
import { homeOverview } from "../../../src/core/home.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../../support/db.js";
import { apolloFixture, type ApolloFixture } from "../../support/project.js";

describeEachProvider("money limit in commands", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.drop());

  /** Every read a person runs on a project's money answers, without a failure. */
  async function readsWork(f: ApolloFixture, spent: string) {
    for (const words of ["budget", "report", "report weekly", "project show", "cost list", "report evm"]) {
      const r = await f.pm.say(words);
      expect(r.text, words).not.toMatch(/went wrong|overflow/i);
      expect(r.ok, `${words}: ${r.text}`).toBe(true);
    }
    expect((await f.pm.say("budget")).text).toContain(spent);
    const home = renderText(await homeOverview(await f.pm.context()));
    expect(home).toContain("Apollo");
    expect(home).not.toMatch(/went wrong|overflow/i);
  }

  it("refuses the cost that would reach the limit, naming it in the project's currency, and keeps every read working just under it", async () => {
    const f = await apolloFixture(t.store, `limit-${provider}`);
    expect((await f.pm.say("cost add 9,999,999,999,999.98 USD other")).ok).toBe(true);
    const writes = await f.writes();

    const refused = await f.pm.say("cost add 0.02 USD other");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain(
      "That would bring Apollo's costs to $10,000,000,000,000.00; Charter keeps every amount and every project's totals below $10,000,000,000,000.00. Nothing was saved.",
    );
    expect(await f.writes()).toBe(writes);
    expect((await t.store.costs.totals(f.tenant, f.project.id)).total).toBe(MONEY_LIMIT - 2n);

    // One amount alone at the limit is refused by the grammar, with the limit.
    const single = await f.pm.say("cost add 10,000,000,000,000 USD other");
    expect(single.text).toMatch(/too large: amounts must be below \$10,000,000,000,000\.00/);
    expect(await f.writes()).toBe(writes);

    expect((await f.pm.say("cost add 0.01 USD other")).ok).toBe(true);
    await readsWork(f, "$9,999,999,999,999.99");
  });

  it("refuses a budget or a change request's impact that would reach the limit", async () => {
    const f = await apolloFixture(t.store, `budget-${provider}`);
    expect((await f.pm.say("budget set 9,999,999,999,999.99 USD")).ok).toBe(true);
    const change = await f.pm.say("change request Extra cost +0.01 USD");
    expect(change.ok, change.text).toBe(true);
    const writes = await f.writes();
    const approved = await f.pm.say("change approve #1");
    expect(approved.text).toMatch(/That would bring Apollo's budget to \$10,000,000,000,000\.00/);
    expect(await f.writes()).toBe(writes);
    expect((await t.store.budgets.get(f.tenant, f.project.id)).total).toBe(MONEY_LIMIT - 1n);
    await readsWork(f, "$9,999,999,999,999.99");
  });

  it("keeps answering for a project whose costs passed 2^63 before the limit existed", async () => {
    const f = await apolloFixture(t.store, `legacy-${provider}`);
    const manager = (await t.store.projects.get(f.tenant, f.project.id))!.managerId;
    // 95 costs of 1,000,000,000,000,000 USD, as typed before the limit.
    await t.db.prisma.costEntry.createMany({
      data: Array.from({ length: 95 }, (_, i) => ({
        tenantId: f.tenant,
        projectId: f.project.id,
        number: i + 1,
        amount: 10n ** 17n,
        currency: "USD",
        category: "other",
        incurredOn: "2026-02-02",
        createdById: manager,
      })),
    });
    await readsWork(f, "$95,000,000,000,000,000.00");
    const refused = await f.pm.say("cost add 1 USD other");
    expect(refused.text).toMatch(/below \$10,000,000,000,000\.00\. Nothing was saved\./);
  });
});
