/**
 * The pictures that go with a digest. They reuse what the digest loaded and
 * add two queries (every cost, for the burn-up; more KPI readings, for the
 * trends), so a digest with charts still makes a fixed number of queries.
 */
import { KPI_CHART_READINGS, drawCharts, type ChartKind } from "../charts/index.js";
import type { Project } from "../store.js";
import { heading, image, type Block } from "../views/reply.js";
import type { DigestData, DigestSource } from "./load.js";

/** What the scheduled digest shows: money over time and work over time. */
export const DIGEST_CHARTS: readonly ChartKind[] = ["burn", "burndown"];

export async function digestCharts(
  source: DigestSource,
  project: Project,
  data: DigestData,
  kinds: readonly ChartKind[],
  week: { to: string; zone: string },
): Promise<Block[]> {
  const [costs, kpis] = await Promise.all([
    source.store.costs.list(source.tenant, project.id),
    kinds.includes("kpi") ? source.store.kpis.list(source.tenant, project.id, KPI_CHART_READINGS) : Promise.resolve(data.kpis),
  ]);
  const charts = await drawCharts(
    kinds,
    project,
    { tasks: data.tasks, costs, totals: data.totals, budget: data.budget, openRisks: data.openRisks, kpis },
    { today: week.to, zone: week.zone },
  );
  if (charts.length === 0) return [];
  return [heading("Charts"), ...charts.map((c) => image(c.alt, c.png))];
}
