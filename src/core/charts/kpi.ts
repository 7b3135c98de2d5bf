/**
 * KPI trend: each KPI's readings over time against its target, one small
 * chart per KPI (units differ, so every KPI gets its own scale).
 */
import { DateTime } from "luxon";
import type { TopLevelSpec } from "vega-lite";
import { formatValue, onTrack } from "../messages/kpi.js";
import type { KpiWithReadings, Project } from "../store.js";
import { CHART_CONFIG, CHART_WIDTH, COLORS } from "./theme.js";
import type { Chart } from "./types.js";

/** Small multiples drawn at most; the alt text says how many more there are. */
export const KPI_CHART_MAX = 6;

export interface KpiPoint {
  kpi: string;
  date: string;
  value: number;
  target: number;
}

type ChartedKpi = Pick<KpiWithReadings, "name" | "unit" | "target" | "direction" | "readings">;

const label = (k: Pick<KpiWithReadings, "name" | "unit">) => (k.unit ? `${k.name} (${k.unit})` : k.name);

/** The zone's wall-clock time written as UTC: the charts' UTC time scale then shows local days whatever the server's zone. */
const wallClock = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).setZone("utc", { keepLocalTime: true }).toISO() ?? at.toISOString();

/** Oldest reading first; a day with several readings keeps them all, in order. */
export function kpiPoints(kpis: readonly ChartedKpi[], zone: string): KpiPoint[] {
  return kpis.flatMap((k) =>
    [...k.readings]
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
      .map((r) => ({ kpi: label(k), date: wallClock(r.recordedAt, zone), value: r.value, target: k.target })),
  );
}

export function kpiChart(input: { project: Pick<Project, "name">; kpis: readonly ChartedKpi[]; zone: string }): Chart {
  const withReadings = input.kpis.filter((k) => k.readings.length > 0);
  if (withReadings.length === 0) {
    return {
      kind: "kpi",
      empty: input.kpis.length
        ? "No KPI readings yet: record one with `kpi record <name> <value>`."
        : "No KPIs yet: add one with `kpi add`.",
    };
  }
  const shown = withReadings.slice(0, KPI_CHART_MAX);
  const title = input.kpis.length === 1 && shown.length === 1 ? `KPI trend — ${shown[0]!.name}` : `KPI trends — ${input.project.name}`;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    config: {
      ...CHART_CONFIG,
      header: { labelFontSize: 13, labelFontWeight: "bold", labelAnchor: "start", labelAngle: 0, labelOrient: "top", title: null } as never,
    },
    data: { values: kpiPoints(shown, input.zone) },
    facet: { row: { field: "kpi", type: "nominal", sort: shown.map(label), header: { title: null } } },
    resolve: { scale: { y: "independent", x: "independent" } },
    spec: {
      width: CHART_WIDTH - 40,
      height: shown.length > 2 ? 110 : 180,
      layer: [
        {
          mark: { type: "line", point: { filled: true, size: 40 }, color: COLORS.actual },
          encoding: {
            x: { field: "date", type: "temporal", scale: { type: "utc" }, axis: { title: null, format: "%d %b", labelOverlap: true } },
            y: { field: "value", type: "quantitative", scale: { zero: false }, axis: { title: null } },
          },
        },
        {
          mark: { type: "rule", color: COLORS.target, strokeDash: [5, 3], strokeWidth: 1.5 },
          encoding: { y: { field: "target", type: "quantitative", aggregate: "max" } },
        },
      ],
    },
  };
  const words = shown.map((k) => {
    const latest = k.readings.reduce((a, b) => (b.recordedAt > a.recordedAt ? b : a));
    return `${k.name} ${formatValue(latest.value, k.unit)} (${onTrack(k, latest.value) ? "on track" : "off track"}, target ${formatValue(k.target, k.unit)})`;
  });
  const more = withReadings.length - shown.length;
  return { kind: "kpi", title, alt: `${title}: ${words.join("; ")}${more > 0 ? `; ${more} more not drawn` : ""}.`, spec };
}
