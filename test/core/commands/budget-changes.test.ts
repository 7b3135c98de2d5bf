import { expect, it } from "vitest";
import type { Scope } from "../../../src/core/store.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, type ApolloFixture } from "../../support/project.js";
import { decideChangeRequest } from "../../../src/core/change-requests/decision.js";

// Apollo: 10,000 USD, 2026-01-05 to 2026-03-27; the chat clock says 2026-03-02 10:00 UTC.
const requestedAt = new Date("2026-02-23T10:00:00Z");
const decidedAt = new Date("2026-02-26T15:00:00Z");

describeOnSqlite("budget: baseline, approved changes and current plan", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo with change request #1 (+2,000.00 USD) approved by its manager, and #2 still open. */
  async function apolloWithApprovedChange(prefix: string): Promise<ApolloFixture & { scope: Scope }> {
    const fx = await apolloFixture(testStore(), prefix);
    const scope: Scope = { tenantId: fx.tenant, actorId: (await fx.pm.context()).user.id };
    const sso = await fx.store.changes.add(scope, fx.project.id, {
      title: "Single sign-on",
      costImpact: 200_000n,
      scheduleDays: 10,
      at: requestedAt,
    });
    await decideChangeRequest(fx.store, scope, sso.projectId, sso.number, { decision: "approve", at: decidedAt });
    await fx.store.changes.add(scope, fx.project.id, { title: "Dark mode", costImpact: 90_000n, at: requestedAt });
    return { ...fx, scope };
  }

  it("shows the baseline, the approved changes and the current plan, and measures spending against the current plan", async () => {
    const { pm } = await apolloWithApprovedChange("budget-changes");
    expect((await pm.say("cost add 3000 labour")).ok).toBe(true);
    const budget = await pm.say("budget");
    expect(budget.ok, budget.text).toBe(true);
    expect(budget.text).toMatch(/Baseline:\s+\$10,000\.00/);
    expect(budget.text).toMatch(/Approved changes:\s+\+\$2,000\.00 \(1 change: #1\)/);
    expect(budget.text).toMatch(/Current plan:\s+\$12,000\.00/);
    expect(budget.text).toMatch(/Spent:\s+\$3,000\.00/);
    expect(budget.text).toMatch(/Remaining:\s+\$9,000\.00/);
    expect(budget.text).toMatch(/Variance:\s+\$9,000\.00 under the current plan/);
    expect(budget.text).toMatch(/Used:\s+25% of the current plan/);
    // The open request adds nothing; spending is within the baseline, so nothing to explain.
    expect(budget.text).not.toContain("2,900.00");
    expect(budget.text).not.toContain("over the baseline");
    // The approved change is planned money of its category.
    expect(budget.text).toMatch(/other\s+\$2,000\.00\s+\$0\.00\s+0%/);
  });

  it("says spending beyond the baseline is covered by approved changes while it stays within the current plan", async () => {
    const { pm } = await apolloWithApprovedChange("budget-covered");
    expect((await pm.say("cost add 11000 labour")).ok).toBe(true);
    const budget = await pm.say("budget");
    expect(budget.text).toMatch(/Variance:\s+\$1,000\.00 under the current plan/);
    expect(budget.text).toContain(
      "Spending is $1,000.00 over the baseline, covered by approved changes (#1): approved scope change, not overspending.",
    );
    expect(budget.text).not.toContain("overspending beyond");
  });

  it("calls spending beyond the current plan overspending, even with approved changes", async () => {
    const { pm } = await apolloWithApprovedChange("budget-over");
    expect((await pm.say("cost add 12500 labour")).ok).toBe(true);
    const budget = await pm.say("budget");
    expect(budget.text).toMatch(/Variance:\s+⚠ \$500\.00 over the current plan/);
    expect(budget.text).toContain(
      "⚠ Spending is $500.00 over the current plan, even with the approved changes (#1): overspending beyond the approved scope.",
    );
    expect(budget.text).not.toContain("covered by approved changes");
  });

  it("calls spending beyond a budget without changes plain overspending", async () => {
    const { pm } = await apolloFixture(testStore(), "budget-plain-over");
    expect((await pm.say("cost add 10200 labour")).ok).toBe(true);
    const budget = await pm.say("budget");
    expect(budget.text).toMatch(/Baseline:\s+\$10,000\.00/);
    expect(budget.text).toMatch(/Approved changes:\s+none/);
    expect(budget.text).toMatch(/Current plan:\s+\$10,000\.00/);
    expect(budget.text).toContain("⚠ Spending is $200.00 over the budget: overspending.");
  });

  it("sets the baseline with `budget set`, keeping the approved changes on top, and says so", async () => {
    const { pm, store, tenant, project } = await apolloWithApprovedChange("budget-reset");
    const set = await pm.say("budget set 9000");
    expect(set.ok, set.text).toBe(true);
    expect(set.text).toContain(
      "The baseline is now $9,000.00; the approved changes, +$2,000.00 (1 change: #1), stay on top of it, so the current plan is $11,000.00.",
    );
    expect(set.text).toMatch(/Baseline:\s+\$9,000\.00/);
    expect(set.text).toMatch(/Current plan:\s+\$11,000\.00/);
    expect((await store.projects.get(tenant, project.id))?.budgetTotal).toBe(1_100_000n);
    const help = await pm.say("help budget");
    expect(help.text).toContain("`budget set` sets the baseline. Approved change requests stay on top of it");
  });

  it("shows the same layers in the weekly report, with the week's decision and the open request in a Changes section", async () => {
    const { pm } = await apolloWithApprovedChange("budget-report");
    expect((await pm.say("cost add 10500 labour on 2026-02-27")).ok).toBe(true);
    const report = await pm.say("report");
    expect(report.ok, report.text).toBe(true);
    expect(report.text).toMatch(/Baseline:\s+\$10,000\.00/);
    expect(report.text).toMatch(/Approved changes:\s+\+\$2,000\.00 \(1 change: #1\)/);
    expect(report.text).toMatch(/Current plan:\s+\$12,000\.00/);
    expect(report.text).toMatch(/Spent:\s+\$10,500\.00/);
    expect(report.text).toMatch(/Remaining:\s+\$1,500\.00/);
    expect(report.text).toMatch(/Variance:\s+\$1,500\.00 under the current plan/);
    expect(report.text).toMatch(/Used:\s+88% of \$12,000\.00/);
    expect(report.text).toContain("Spending is $500.00 over the baseline, covered by approved changes (#1)");
    expect(report.text).toContain("Changes (1 open, 1 decided this week)");
    expect(report.text).toMatch(/#1 Single sign-on — approved by @\S+ on Thu 26 Feb 2026: \+\$2,000\.00, \+10 days/);
    expect(report.text).toMatch(/#2 Dark mode — open 7 days, requested by @\S+: \+\$900\.00/);
  });
});
