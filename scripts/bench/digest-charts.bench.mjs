/**
 * The weekly digest of a large project (1,000 tasks, 5,000 costs, 100 risks,
 * 3 KPIs with 30 readings each), on its own and with all five charts: time
 * per render, time per chart, PNG sizes, and the store calls made, which must
 * be the same as for a project with almost nothing in it. Targets: the digest
 * under 200 ms, digest + charts under 1 s, store calls constant.
 */
import { DateTime } from "luxon";
import { CHART_KINDS, loadChartData, projectChart } from "../../dist/core/charts/index.js";
import { renderChart } from "../../dist/core/charts/render.js";
import { weeklyDigest } from "../../dist/core/digest/weekly-digest.js";
import { addDays } from "../../dist/core/domain/dates.js";
import { COST_CATEGORIES } from "../../dist/core/store.js";
import { benchDatabase, countingStore, inBatches, median, report, timed, toMb } from "./support.mjs";

const BENCH = "digest";
const DIGEST_TARGET_MS = 200;
const CHARTS_TARGET_MS = 1_000;
const RUNS = 5;
const today = DateTime.utc().toISODate();

async function seed(store, tenant, size) {
  await store.tenants.ensure(tenant, "local");
  const pm = await store.members.ensure(tenant, { platformUserId: "pm", name: "Pat" });
  const scope = { tenantId: tenant, actorId: pm.id };
  const project = await store.projects.create(scope, {
    name: `Bench ${size.tasks}`,
    currency: "USD",
    budgetTotal: 50_000_000n,
    startDate: addDays(today, -120),
    endDate: addDays(today, 60),
    managerId: pm.id,
  });
  await store.budgets.set(scope, project.id, { lines: COST_CATEGORIES.map((category) => ({ category, amount: 5_000_000n })) });
  const people = await Promise.all(
    Array.from({ length: 20 }, (_, i) => store.members.ensure(tenant, { platformUserId: `U${i}`, name: `dev${i}` })),
  );
  // Task numbers are allocated per project, so tasks go in one at a time.
  const tasks = [];
  for (let i = 0; i < size.tasks; i++) {
    tasks.push(
      await store.tasks.add(scope, project.id, {
        title: `Task ${i}`,
        assigneeId: people[i % 20].id,
        dueDate: addDays(today, (i % 90) - 45),
        estimateHours: 4 + (i % 5) * 4,
      }),
    );
  }
  if (tasks.length)
    await store.tasks.updateMany(
      scope,
      tasks.filter((_, i) => i % 3 === 0).map((t) => t.id),
      { status: "done" },
    );
  await inBatches(size.costs, (i) =>
    store.costs.add(scope, project.id, {
      amount: BigInt(1_000 + (i % 700) * 10),
      currency: "USD",
      category: COST_CATEGORIES[i % 6],
      incurredOn: addDays(today, -(i % 110)),
    }),
  );
  await inBatches(size.risks, (i) =>
    store.risks.add(scope, project.id, {
      title: `Risk ${i}`,
      probability: (i % 5) + 1,
      impact: ((i * 3) % 5) + 1,
      ownerId: people[i % 20].id,
    }),
  );
  for (let k = 0; k < size.kpis; k++) {
    const kpi = await store.kpis.add(scope, project.id, { name: `KPI ${k}`, target: 90, unit: "%", direction: "higher" });
    await inBatches(30, (i) => store.kpis.record(scope, kpi.id, 80 + ((i * 7 + k) % 15), new Date(Date.now() - (30 - i) * 86_400_000)));
  }
  return project;
}

async function measure(store, tenant, project, charts) {
  const options = charts ? { today, charts: CHART_KINDS } : { today };
  const counting = countingStore(store);
  await weeklyDigest({ store: counting.store, tenant }, project, options);
  const times = await timed(RUNS, () => weeklyDigest({ store, tenant }, project, options));
  return { calls: counting.total(), byMethod: Object.fromEntries(counting.calls), times };
}

async function perChart(store, tenant, project, provider) {
  const data = await loadChartData({ store, tenant }, project);
  for (const kind of CHART_KINDS) {
    const chart = projectChart(kind, project, data, { today, zone: "UTC" });
    if ("empty" in chart) {
      console.log(`[${BENCH}] ${kind}: nothing to draw (${chart.empty})`);
      continue;
    }
    let rendered;
    const times = await timed(RUNS, async () => (rendered = await renderChart(chart.spec)));
    report({
      bench: BENCH,
      figure: `chart_${kind}_ms`,
      provider,
      value: median(times),
      unit: "ms",
      size: `${rendered.width}x${rendered.height}`,
      png_kb: Math.round(rendered.png.length / 1024),
    });
  }
}

/** Median time against its target, and the store calls against the tiny project's. */
function reportRender(provider, what, big, small, targetMs) {
  report({
    bench: BENCH,
    figure: `${what}_ms`,
    provider,
    value: median(big.times),
    unit: "ms",
    target: `< ${targetMs}`,
    pass: median(big.times) < targetMs,
    runs: RUNS,
    max_ms: Math.round(big.times.at(-1)),
    tiny_project_ms: Math.round(median(small.times) * 10) / 10,
  });
  report({
    bench: BENCH,
    figure: `${what}_store_calls`,
    provider,
    value: big.calls,
    unit: "count",
    target: `= tiny project (${small.calls})`,
    pass: big.calls === small.calls,
    by_method: big.byMethod,
  });
}

export default async function digestCharts() {
  // PostgreSQL on request (BENCH_PG=1): seeding it too would push the whole run past 10 minutes.
  const providers = process.env.BENCH_PG === "1" ? ["sqlite", "postgresql"] : ["sqlite"];
  for (const provider of providers) {
    const db = await benchDatabase(provider);
    if (db.unavailable) {
      console.log(`[${BENCH}] ${provider} skipped: ${db.unavailable}`);
      continue;
    }
    try {
      const seeding = Date.now();
      const tiny = await seed(db.store, "bench-tiny", { tasks: 1, costs: 1, risks: 1, kpis: 1 });
      const large = await seed(db.store, "bench-large", { tasks: 1_000, costs: 5_000, risks: 100, kpis: 3 });
      console.log(
        `[${BENCH}] ${provider}: seeded 1,000 tasks, 5,000 costs, 100 risks, 3 KPIs x 30 readings in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
      );
      reportRender(
        provider,
        "digest",
        await measure(db.store, "bench-large", large, false),
        await measure(db.store, "bench-tiny", tiny, false),
        DIGEST_TARGET_MS,
      );
      reportRender(
        provider,
        "digest_charts",
        await measure(db.store, "bench-large", large, true),
        await measure(db.store, "bench-tiny", tiny, true),
        CHARTS_TARGET_MS,
      );
      await perChart(db.store, "bench-large", large, provider);
      const { rss, heapUsed } = process.memoryUsage();
      console.log(`[${BENCH}] ${provider}: memory after: rss ${toMb(rss).toFixed(1)} MB, heap ${toMb(heapUsed).toFixed(1)} MB`);
    } finally {
      await db.close();
    }
  }
}
