/**
 * The weekly digest plus all five charts of a large project (1,000 tasks,
 * 5,000 costs, 100 risks, 3 KPIs with 30 readings each): time per render,
 * time per chart, PNG sizes, and the store calls made, which must be the
 * same as for a project with almost nothing in it. Target: under 1 s.
 */
import { DateTime } from "luxon";
import { CHART_KINDS, loadChartData, projectChart } from "../../dist/core/charts/index.js";
import { renderChart } from "../../dist/core/charts/render.js";
import { weeklyDigest } from "../../dist/core/digest/weekly-digest.js";
import { addDays } from "../../dist/core/domain/dates.js";
import { COST_CATEGORIES } from "../../dist/core/store.js";
import { benchDatabase, countingStore, inBatches, mb, median, ms, timed } from "./support.mjs";

const TARGET_MS = 1_000;
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
  const people = await Promise.all(Array.from({ length: 20 }, (_, i) => store.members.ensure(tenant, { platformUserId: `U${i}`, name: `dev${i}` })));
  // Task numbers are allocated per project, so tasks go in one at a time.
  const tasks = [];
  for (let i = 0; i < size.tasks; i++) {
    tasks.push(await store.tasks.add(scope, project.id, { title: `Task ${i}`, assigneeId: people[i % 20].id, dueDate: addDays(today, (i % 90) - 45), estimateHours: 4 + (i % 5) * 4 }));
  }
  if (tasks.length) await store.tasks.updateMany(scope, tasks.filter((_, i) => i % 3 === 0).map((t) => t.id), { status: "done" });
  await inBatches(size.costs, (i) => store.costs.add(scope, project.id, { amount: BigInt(1_000 + (i % 700) * 10), currency: "USD", category: COST_CATEGORIES[i % 6], incurredOn: addDays(today, -(i % 110)) }));
  await inBatches(size.risks, (i) => store.risks.add(scope, project.id, { title: `Risk ${i}`, probability: (i % 5) + 1, impact: ((i * 3) % 5) + 1, ownerId: people[i % 20].id }));
  for (let k = 0; k < size.kpis; k++) {
    const kpi = await store.kpis.add(scope, project.id, { name: `KPI ${k}`, target: 90, unit: "%", direction: "higher" });
    await inBatches(30, (i) => store.kpis.record(scope, kpi.id, 80 + ((i * 7 + k) % 15), new Date(Date.now() - (30 - i) * 86_400_000)));
  }
  return project;
}

async function measure(store, tenant, project) {
  const counting = countingStore(store);
  await weeklyDigest({ store: counting.store, tenant }, project, { today, charts: CHART_KINDS });
  const times = await timed(RUNS, () => weeklyDigest({ store, tenant }, project, { today, charts: CHART_KINDS }));
  return { calls: counting.total(), byMethod: Object.fromEntries(counting.calls), times };
}

async function perChart(store, tenant, project) {
  const data = await loadChartData({ store, tenant }, project);
  const rows = [];
  for (const kind of CHART_KINDS) {
    const chart = projectChart(kind, project, data, { today, zone: "UTC" });
    if ("empty" in chart) {
      rows.push(`  ${kind.padEnd(10)} (nothing to draw: ${chart.empty})`);
      continue;
    }
    let rendered;
    const times = await timed(RUNS, async () => (rendered = await renderChart(chart.spec)));
    rows.push(`  ${kind.padEnd(10)} ${ms(median(times)).padStart(9)}  ${rendered.width}x${rendered.height}  ${(rendered.png.length / 1024).toFixed(1)} KB`);
  }
  return rows;
}

export default async function digestCharts() {
  for (const provider of ["sqlite", "postgresql"]) {
    const db = await benchDatabase(provider);
    if (db.unavailable) {
      console.log(`[${provider}] skipped: ${db.unavailable}`);
      continue;
    }
    try {
      const seeding = Date.now();
      const tiny = await seed(db.store, "bench-tiny", { tasks: 1, costs: 1, risks: 1, kpis: 1 });
      const large = await seed(db.store, "bench-large", { tasks: 1_000, costs: 5_000, risks: 100, kpis: 3 });
      console.log(`[${provider}] seeded 1,000 tasks, 5,000 costs, 100 risks, 3 KPIs x 30 readings in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
      const small = await measure(db.store, "bench-tiny", tiny);
      const big = await measure(db.store, "bench-large", large);
      const verdict = median(big.times) < TARGET_MS ? "within" : "OVER";
      console.log(`[${provider}] digest + 5 charts, large project: median ${ms(median(big.times))}, max ${ms(big.times.at(-1))} over ${RUNS} runs (${verdict} the ${TARGET_MS} ms target)`);
      console.log(`[${provider}] digest + 5 charts, tiny project:  median ${ms(median(small.times))}`);
      console.log(`[${provider}] store calls: large ${big.calls}, tiny ${small.calls} (${big.calls === small.calls ? "constant" : "NOT constant"})`, big.byMethod);
      console.log(`[${provider}] per chart (render only, median):`);
      for (const row of await perChart(db.store, "bench-large", large)) console.log(row);
      const { rss, heapUsed } = process.memoryUsage();
      console.log(`[${provider}] memory after: rss ${mb(rss)}, heap ${mb(heapUsed)}`);
    } finally {
      await db.close();
    }
  }
}
