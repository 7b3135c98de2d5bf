import { expect, it } from "vitest";
import { weeklyDigest } from "../../../src/core/digest/weekly-digest.js";
import type { Scope } from "../../../src/core/store.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

const today = "2026-03-02";

describeOnSqlite("weekly digest KPI section", (provider) => {
  const testStore = suiteStore(provider);

  it("shows on or off track with the trend arrow, and the deadline once it is near or past", async () => {
    const fx = await apolloFixture(testStore(), "digest-kpi");
    const { store, tenant, project } = fx;
    const scope: Scope = { tenantId: tenant, actorId: (await fx.pm.context()).user.id };
    const add = (name: string, target: number, unit: string, direction: "higher" | "lower", deadline: string | null) =>
      store.kpis.add(scope, project.id, { name, target, unit, direction, deadline });
    const read = (id: string, ...values: number[]) =>
      values.reduce<Promise<unknown>>(
        (p, v, i) => p.then(() => store.kpis.record(scope, id, v, new Date(Date.UTC(2026, 1, 20 + i)))),
        Promise.resolve(),
      );

    const uptime = await add("Uptime", 99.9, "%", "higher", "2026-03-10"); // in 8 days
    await read(uptime.id, 99.5, 99.95);
    const latency = await add("Latency", 200, "ms", "lower", "2026-02-27"); // passed 3 days ago
    await read(latency.id, 240, 250);
    const nps = await add("NPS", 40, "", "higher", "2026-02-20"); // passed, met
    await read(nps.id, 45);
    const churn = await add("Churn", 2, "%", "lower", "2026-12-31"); // far off: not mentioned
    await read(churn.id, 3, 2.5);
    await add("Signups", 100, "", "higher", "2026-03-02"); // today, no readings

    const out = renderText(await weeklyDigest({ store, tenant }, project, { today }));
    expect(out).toContain("KPIs (2 on track, 2 off track)");
    expect(out).toContain("Uptime: 99.95% (target ≥ 99.9%) — on track, ↑ better; deadline in 8 days (Tue 10 Mar 2026)");
    expect(out).toContain(
      "Latency: 250ms (target ≤ 200ms) — ⚠ off track, ↑ worse; ⚠ deadline passed 3 days ago (Fri 27 Feb 2026) without reaching the target",
    );
    expect(out).toContain("NPS: 45 (target ≥ 40) — on track; deadline passed on Fri 20 Feb 2026, target met");
    expect(out).toContain("Churn: 2.5% (target ≤ 2%) — ⚠ off track, ↓ better\n");
    expect(out).toContain("Signups: no readings yet (target ≥ 100) — deadline today (Mon 2 Mar 2026)");
  });
});
