/** The 5 x 5 risk heat map: open risks counted per probability x impact cell, coloured by severity band. */
import type { TopLevelSpec } from "vega-lite";
import { riskMatrix, riskScore, riskSeverity } from "../domain/risk.js";
import type { Project, Risk } from "../store.js";
import { CHART_CONFIG, COLORS } from "./theme.js";
import type { Chart } from "./types.js";

export interface HeatCell {
  probability: number;
  impact: number;
  count: number;
  severity: ReturnType<typeof riskSeverity>;
}

export function heatCells(risks: readonly Pick<Risk, "probability" | "impact">[]): HeatCell[] {
  const matrix = riskMatrix(risks);
  return matrix.flatMap((row, p) =>
    row.map((count, i) => ({ probability: p + 1, impact: i + 1, count, severity: riskSeverity(riskScore(p + 1, i + 1)) })),
  );
}

const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export function risksChart(input: { project: Pick<Project, "name">; openRisks: readonly Pick<Risk, "probability" | "impact">[] }): Chart {
  const { project, openRisks } = input;
  if (openRisks.length === 0) return { kind: "risks", empty: "No open risks to chart." };
  const cells = heatCells(openRisks);
  const title = `Open risks — ${project.name}`;
  const cell = 64;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: cell * 5,
    height: cell * 5,
    config: CHART_CONFIG,
    data: { values: cells },
    encoding: {
      x: {
        field: "impact",
        type: "ordinal",
        sort: [1, 2, 3, 4, 5],
        axis: { title: "Impact", labelAngle: 0, labelFontSize: 12, domain: false, ticks: false },
      },
      y: {
        field: "probability",
        type: "ordinal",
        sort: [5, 4, 3, 2, 1],
        axis: { title: "Probability", labelFontSize: 12, domain: false, ticks: false },
      },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 2 },
        encoding: {
          color: {
            field: "severity",
            type: "nominal",
            scale: { domain: [...SEVERITIES], range: SEVERITIES.map((s) => COLORS.severity[s]) },
            legend: { title: null },
          },
          opacity: { condition: { test: "datum.count > 0", value: 1 }, value: 0.35 },
        },
      },
      {
        transform: [{ filter: "datum.count > 0" }],
        mark: { type: "text", fontSize: 20, fontWeight: "bold", color: "#1b1f24" },
        encoding: { text: { field: "count", type: "quantitative" } },
      },
    ],
  };
  const bySeverity = SEVERITIES.map((s) => [s, cells.filter((c) => c.severity === s).reduce((n, c) => n + c.count, 0)] as const)
    .filter(([, n]) => n > 0)
    .reverse()
    .map(([s, n]) => `${n} ${s}`);
  const plotted = cells.reduce((n, c) => n + c.count, 0);
  return { kind: "risks", title, alt: `${title}: ${plotted} open ${plotted === 1 ? "risk" : "risks"} (${bySeverity.join(", ")}).`, spec };
}
