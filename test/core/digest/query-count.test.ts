import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { weeklyDigest } from "../../../src/core/digest/weekly-digest.js";
import { addDays } from "../../../src/core/domain/dates.js";
import { COST_CATEGORIES, type Project, type Scope, type Store } from "../../../src/core/store.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";
import { countingStore } from "./counting-store.js";
import { CHART_KINDS, type ChartKind } from "../../../src/core/charts/index.js";
import { decideChangeRequest } from "../../../src/core/change-requests/decision.js";

const today = DateTime.utc().toISODate()!;

/** Store calls one digest makes, and how long it took. */
async function measure(store: Store, tenant: string, project: Project, charts: readonly ChartKind[] = []) {
  const counting = countingStore(store);
  const started = performance.now();
  const digest = await weeklyDigest({ store: counting.store, tenant }, project, { today, charts });
  const ms = performance.now() - started;
  return { digest, ms, total: counting.total(), calls: Object.fromEntries(counting.calls) };
}

describeOnSqlite("weekly digest query count", (provider) => {
  const testStore = suiteStore(provider);

  it("renders 1,000 tasks, 5,000 costs, 100 risks and 40 change requests with the same number of store calls as a tiny project", {
    timeout: 300_000,
  }, async () => {
    const store = testStore();
    const tiny = await apolloFixture(store, "digest-tiny");
    const small = await measure(store, tiny.tenant, tiny.project);
    const smallCharted = await measure(store, tiny.tenant, tiny.project, CHART_KINDS);

    const big = await apolloFixture(store, "digest-big");
    const scope: Scope = { tenantId: big.tenant, actorId: (await big.pm.context()).user.id };
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.members.ensure(big.tenant, { platformUserId: `U${i}`, name: `dev${i}` })),
    );
    const pid = big.project.id;
    // Task numbers are allocated per project, so tasks go in one at a time.
    for (let i = 0; i < 1000; i++) {
      await store.tasks.add(scope, pid, { title: `Task ${i}`, assigneeId: people[i % 20]!.id, dueDate: addDays(today, (i % 60) - 30) });
    }
    // The costs in one transaction, as an import writes them: the digest reads them like any others.
    const costs = Array.from({ length: 5000 }, (_, i) => ({
      amount: BigInt(100 + i),
      currency: "USD",
      category: COST_CATEGORIES[i % 6]!,
      incurredOn: addDays(today, -(i % 90)),
    }));
    expect((await store.costs.addMany(scope, pid, costs)).added).toHaveLength(5000);
    for (let i = 0; i < 100; i++) {
      await store.risks.add(scope, pid, {
        title: `Risk ${i}`,
        probability: (i % 5) + 1,
        impact: ((i * 3) % 5) + 1,
        ownerId: people[i % 20]!.id,
      });
    }
    // Change requests, half of them decided: their decisions come with them, deciders are named in the same members call.
    for (let i = 0; i < 40; i++) {
      const change = await store.changes.add({ tenantId: big.tenant, actorId: people[i % 20]!.id }, pid, {
        title: `Change ${i}`,
        costImpact: BigInt(i),
        at: new Date(),
      });
      if (i % 2)
        await decideChangeRequest(store, scope, change.projectId, change.number, {
          decision: i % 4 === 1 ? "approve" : "reject",
          at: new Date(),
        });
    }
    const large = await measure(store, big.tenant, big.project);
    const largeCharted = await measure(store, big.tenant, big.project, CHART_KINDS);

    console.log(
      `[${provider}] weekly digest of 1,000 tasks, 5,000 costs, 100 risks, 40 change requests: ${large.ms.toFixed(1)} ms, ${large.total} store calls`,
      large.calls,
    );
    expect(large.digest.ok).toBe(true);
    expect(large.total).toBe(small.total);
    expect(large.calls).toEqual({
      "tasks.list": 1,
      "costs.totals": 1,
      "costs.list": 1,
      "budgets.get": 1,
      "risks.list": 1,
      "milestones.list": 1,
      "kpis.list": 1,
      "standups.list": 1,
      "standups.answersBetween": 1,
      "changes.list": 1,
      "members.getMany": 1,
    });

    // With every chart drawn: two more calls (all costs for the burn-up, more KPI readings), whatever the size.
    expect(largeCharted.digest.blocks.filter((b) => b.kind === "image").length).toBe(4); // no KPI readings: no KPI chart
    expect(largeCharted.total).toBe(smallCharted.total);
    expect(largeCharted.calls).toEqual({ ...large.calls, "costs.list": 2, "kpis.list": 2 });
  });
});
