/**
 * A project's charts from one load of its data: a fixed set of queries
 * whatever the project's size (one list per table, cost totals aggregated
 * in the database), then pure functions per chart.
 */
import type { TenantId } from "../context.js";
import { projectEarnedValue } from "../messages/earned-value.js";
import type { Budget, CostEntry, CostTotals, KpiWithReadings, Project, Risk, Store, Task } from "../store.js";
import { burnChart } from "./burn.js";
import { burndownChart } from "./burndown.js";
import { categoriesChart } from "./categories.js";
import { kpiChart } from "./kpi.js";
import { renderChart } from "./render.js";
import { risksChart } from "./risks.js";
import type { Chart, ChartKind } from "./types.js";

export { CHART_KINDS, type Chart, type ChartKind } from "./types.js";

/** KPI readings drawn per KPI. */
export const KPI_CHART_READINGS = 30;

export interface ChartData {
  tasks: Task[];
  costs: CostEntry[];
  totals: CostTotals;
  budget: Budget;
  openRisks: Risk[];
  kpis: KpiWithReadings[];
}

export async function loadChartData(source: { store: Store; tenant: TenantId }, project: Project): Promise<ChartData> {
  const { store, tenant } = source;
  const [tasks, costs, totals, budget, openRisks, kpis] = await Promise.all([
    store.tasks.list(tenant, project.id),
    store.costs.list(tenant, project.id),
    store.costs.totals(tenant, project.id),
    store.budgets.get(tenant, project.id),
    store.risks.list(tenant, project.id, { status: "open" }),
    store.kpis.list(tenant, project.id, KPI_CHART_READINGS),
  ]);
  return { tasks, costs, totals, budget, openRisks, kpis };
}

export interface ChartOptions {
  /** The status date (ISO), usually today in the reader's zone. */
  today: string;
  /** Zone for turning instants (task completion, KPI readings) into days. */
  zone: string;
}

export function projectChart(kind: ChartKind, project: Project, data: ChartData, options: ChartOptions): Chart {
  switch (kind) {
    case "burn": {
      const ev = projectEarnedValue(project, data.tasks, data.budget, data.totals, options.today);
      return burnChart({ project, budget: data.budget, costs: data.costs, eac: ev.figures?.eac ?? null, today: options.today });
    }
    case "categories":
      return categoriesChart({ project, totals: data.totals, budget: data.budget });
    case "risks":
      return risksChart({ project, openRisks: data.openRisks });
    case "burndown":
      return burndownChart({ project, tasks: data.tasks, today: options.today, zone: options.zone });
    case "kpi":
      return kpiChart({ project, kpis: data.kpis, zone: options.zone });
  }
}

export interface DrawnChart {
  kind: ChartKind;
  title: string;
  alt: string;
  png: Uint8Array;
}

/** Renders one chart, or says why there is nothing to draw yet. */
export async function drawChart(
  kind: ChartKind,
  project: Project,
  data: ChartData,
  options: ChartOptions,
): Promise<DrawnChart | { kind: ChartKind; empty: string }> {
  const chart = projectChart(kind, project, data, options);
  if ("empty" in chart) return chart;
  const { png } = await renderChart(chart.spec);
  return { kind, title: chart.title, alt: chart.alt, png };
}

/** Renders the charts that have something to show, in the order asked; the empty ones are left out. */
export async function drawCharts(
  kinds: readonly ChartKind[],
  project: Project,
  data: ChartData,
  options: ChartOptions,
): Promise<DrawnChart[]> {
  const charts = await Promise.all(kinds.map((kind) => drawChart(kind, project, data, options)));
  return charts.filter((c): c is DrawnChart => !("empty" in c));
}
