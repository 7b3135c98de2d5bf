import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { weeklyDigest } from "../../../src/core/digest/weekly-digest.js";
import { addDays } from "../../../src/core/domain/dates.js";
import type { Scope } from "../../../src/core/store.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

// The store stamps a task's completedAt with the real clock, so "this week" is the week ending on the real today.
const today = DateTime.utc().toISODate()!;
const day = (n: number) => addDays(today, n);

describeOnSqlite("weekly digest", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo with a week of work behind it: tasks, milestones, budget and costs, risks and KPIs. */
  async function busyApollo() {
    const fx = await apolloFixture(testStore(), "digest");
    const { store, tenant, project } = fx;
    const pm = (await fx.pm.context()).user;
    const scope: Scope = { tenantId: tenant, actorId: pm.id };
    const bob = await store.members.ensure(tenant, { platformUserId: "U-bob", name: "bob" });
    const carol = await store.members.ensure(tenant, { platformUserId: "U-carol", name: "carol" });

    const design = await store.tasks.add(scope, project.id, { title: "Design the API", assigneeId: bob.id, dueDate: day(-8) });
    await store.tasks.update(scope, design.id, { status: "done" });
    await store.tasks.add(scope, project.id, { title: "Deploy staging", assigneeId: bob.id, dueDate: day(4) });
    await store.tasks.add(scope, project.id, { title: "Write the runbook", assigneeId: carol.id, dueDate: day(-3) });
    await store.tasks.add(scope, project.id, { title: "Tidy the backlog" });

    const alpha = await store.milestones.add(scope, project.id, { name: "Alpha", dueDate: day(-5) });
    await store.milestones.markDone(scope, alpha.id, new Date());
    await store.milestones.add(scope, project.id, { name: "Beta", dueDate: day(-2) });
    await store.milestones.add(scope, project.id, { name: "Launch", dueDate: day(20) });

    await store.budgets.set(scope, project.id, {
      lines: [
        { category: "labour", amount: 600_000n },
        { category: "software", amount: 150_000n },
      ],
    });
    await store.costs.add(scope, project.id, { amount: 400_000n, currency: "USD", category: "labour", incurredOn: day(-2) });
    await store.costs.add(scope, project.id, { amount: 160_000n, currency: "USD", category: "software", incurredOn: day(-20) });

    const risk = (title: string, probability: number, impact: number, extra: { ownerId?: string; mitigation?: string } = {}) =>
      store.risks.add(scope, project.id, { title, probability, impact, ...extra });
    await risk("Key developer leaves", 3, 5, { ownerId: bob.id, mitigation: "Pair on every module" });
    await risk("Vendor API late", 3, 4, { ownerId: carol.id, mitigation: "Mock the API" });
    await risk("Licence audit", 2, 2);
    await risk("Scope creep", 4, 3);
    await risk("Test data missing", 2, 3);
    await risk("Office move", 1, 2);
    const gone = await risk("Budget freeze", 5, 5);
    await store.risks.update(scope, gone.id, { status: "closed" });

    const uptime = await store.kpis.add(scope, project.id, { name: "Uptime", target: 99.9, unit: "%", direction: "higher" });
    await store.kpis.record(scope, uptime.id, 99.5, new Date(Date.now() - 86_400_000));
    await store.kpis.record(scope, uptime.id, 99.95, new Date());
    const latency = await store.kpis.add(scope, project.id, { name: "Latency", target: 200, unit: "ms", direction: "lower" });
    await store.kpis.record(scope, latency.id, 250, new Date());
    return { ...fx, project: (await store.projects.get(tenant, project.id))! };
  }

  it("reports done, open work overdue first, milestones, budget, top risks, KPIs and standups", async () => {
    const { store, tenant, project } = await busyApollo();
    const digest = await weeklyDigest({ store, tenant }, project, { today });
    expect(digest.ok).toBe(true);
    expect(digest.visibility).toBe("private");
    const out = renderText(digest);

    expect(out).toContain("Weekly status — Apollo");
    expect(digest.summary).toBe("Weekly status of Apollo: 1 done, 3 open (1 overdue), budget 56% used");

    expect(out).toContain("Completed this week (1)");
    expect(out).toContain("#1 Design the API — @bob");
    expect(out).toContain("Open tasks (3, 1 overdue)");
    expect(out).toMatch(/Open:\s+3 open \(1 overdue\)/);
    expect(out).toMatch(/Manager:\s+@/);
    const open = ["#3 Write the runbook", "#2 Deploy staging", "#4 Tidy the backlog"].map((t) => out.indexOf(t));
    expect(open.every((i) => i > 0)).toBe(true);
    expect(open).toEqual([...open].sort((a, b) => a - b));
    expect(out).toContain("⚠ #3 Write the runbook — @carol, due");
    expect(out).toContain("(overdue by 3 days)");

    expect(out).toMatch(/Done this week: #1 Alpha/);
    expect(out).toMatch(/Slipped: #2 Beta .*overdue by 2 days/);
    expect(out).toMatch(/Next: #3 Launch .*due in 20 days/);

    expect(out).toContain("Spent:");
    expect(out).toMatch(/Spent:\s+\$5,600\.00/);
    expect(out).toMatch(/Spent this week:\s+\$4,000\.00/);
    expect(out).toMatch(/Remaining:\s+\$4,400\.00/);
    expect(out).toMatch(/Used:\s+56% of \$10,000\.00/);
    expect(out).toMatch(/Burn rate:\s+\$[\d,.]+ a week/);
    expect(out).toContain("Forecast at completion:");
    expect(out).toMatch(/software .*\$1,500\.00 .*\$1,600\.00 .*107% ⚠ over/);
    expect(out).toMatch(/labour .*\$6,000\.00 .*\$4,000\.00 .*67%/);

    expect(out).toContain("Top risks (6 open, 1 critical)");
    expect(out).toContain("#1 Key developer leaves — P3 × I5 = 15 critical; owner @bob; mitigation: Pair on every module");
    expect(out).toContain("#2 Vendor API late — P3 × I4 = 12 (high); owner @carol; mitigation: Mock the API");
    expect(out).toContain("…and 1 more open risk");
    expect(out).not.toContain("Budget freeze");
    expect(out).not.toContain("Office move");

    expect(out).toContain("KPIs (1 on track, 1 off track)");
    expect(out).toContain("Uptime: 99.95% (target ≥ 99.9%) — on track, ↑ better");
    expect(out).toContain("Latency: 250ms (target ≤ 200ms) — ⚠ off track");

    expect(out).toContain("No standup is set up.");
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
  });

  it("reports the week's standup participation and who was blocked", async () => {
    const fx = await apolloFixture(testStore(), "digest-standup");
    const { store, tenant, project } = fx;
    const pm = (await fx.pm.context()).user;
    const bob = await store.members.ensure(tenant, { platformUserId: "U-bob", name: "bob" });
    const dana = await store.members.ensure(tenant, { platformUserId: "U-dana", name: "dana" });
    const every = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
    const schedule = await store.standups.setup({ tenantId: tenant, actorId: pm.id }, project.id, "c-apollo", {
      platform: "local",
      days: [...every],
      time: "09:00",
      timeZone: "UTC",
      participants: [pm.id, bob.id, dana.id],
    });
    // Dana is away the first three days of the week: not asked, so not counted.
    await store.standups.skip({ tenantId: tenant, actorId: pm.id }, schedule.id, dana.id, day(-4));
    const answer = (who: string, n: number, blockers: string | null) =>
      store.standups.answer({ tenantId: tenant, actorId: who }, schedule.id, day(n), { today: "Work", blockers });
    await answer(pm.id, -2, null);
    await answer(pm.id, -1, null);
    await answer(bob.id, -2, "Waiting for the VPN");
    await answer(bob.id, -1, "Still no VPN");
    await answer(dana.id, -1, null);
    await answer(pm.id, -9, null); // before the week: not counted

    const out = renderText(await weeklyDigest(fx, project, { today }));
    // 6 past days (today has no answer yet): 6 each for pm and bob, 3 for dana = 15 asked, 5 answered.
    expect(out).toContain("33 % participation — 5 of 15 check-ins over 6 days");
    expect(out).toContain("@bob blocked on 2 days — latest: Still no VPN");
    expect(out).not.toContain("@dana blocked");

    // Once someone answers today, today counts too.
    await answer(pm.id, 0, null);
    const later = renderText(await weeklyDigest(fx, project, { today }));
    expect(later).toContain("33 % participation — 6 of 18 check-ins over 7 days");
  });

  it("caps long lists and says how many more there are", async () => {
    const fx = await apolloFixture(testStore(), "digest-cap");
    const scope: Scope = { tenantId: fx.tenant, actorId: (await fx.pm.context()).user.id };
    for (let i = 1; i <= 14; i++) await fx.store.tasks.add(scope, fx.project.id, { title: `Task ${i}`, dueDate: day(i) });
    const out = renderText(await weeklyDigest(fx, fx.project, { today }));
    expect(out).toContain("Open tasks (14)");
    expect(out).toContain("#10 Task 10");
    expect(out).not.toContain("#11 Task 11");
    expect(out).toContain("…and 4 more");
    expect(out).toContain("No tasks were completed this week.");
    expect(out).toContain("No open risks.");
  });
});
