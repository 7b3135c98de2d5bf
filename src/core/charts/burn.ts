/**
 * Budget burn-up: cumulative actual cost against the plan, which spends the
 * budget in a straight line from the start date to the end date (the same
 * planned value `report evm` uses), with the forecast to completion (EAC)
 * and the budget as a ceiling.
 */
import type { TopLevelSpec } from "vega-lite";
import { currencyDigits, formatMoney } from "../domain/money.js";
import type { Budget, CostEntry, Project } from "../store.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, COLORS, moneyLabels } from "./theme.js";
import { major, type Chart } from "./types.js";

export interface BurnPoint {
  date: string;
  series: "Planned" | "Actual" | "Forecast";
  amount: number;
}

export interface BurnInput {
  project: Pick<Project, "name" | "currency" | "startDate" | "endDate">;
  budget: Pick<Budget, "total">;
  costs: readonly Pick<CostEntry, "amount" | "incurredOn">[];
  /** Estimate at completion from earned value, when it can be computed. */
  eac: bigint | null;
  today: string;
}

/** Cumulative actual cost per day a cost was incurred, from the start date (at zero) when there is one. */
export function actualSeries(costs: BurnInput["costs"], startDate: string | null): { date: string; minor: bigint }[] {
  const perDay = new Map<string, bigint>();
  for (const c of costs) perDay.set(c.incurredOn, (perDay.get(c.incurredOn) ?? 0n) + c.amount);
  const days = [...perDay.keys()].sort();
  const points: { date: string; minor: bigint }[] = [];
  if (startDate && (days.length === 0 || startDate < days[0]!)) points.push({ date: startDate, minor: 0n });
  let running = 0n;
  for (const day of days) {
    running += perDay.get(day)!;
    points.push({ date: day, minor: running });
  }
  return points;
}

export function burnPoints(input: BurnInput): BurnPoint[] {
  const { project, budget, eac, today } = input;
  const digits = currencyDigits(project.currency);
  const actual = actualSeries(input.costs, project.startDate);
  const points: BurnPoint[] = actual.map((p) => ({ date: p.date, series: "Actual", amount: major(p.minor, digits) }));
  const last = actual.at(-1);
  // Spending so far stands until today, where the forecast takes over.
  if (last && last.date < today) points.push({ date: today, series: "Actual", amount: major(last.minor, digits) });
  if (project.startDate && project.endDate && budget.total !== null) {
    points.push(
      { date: project.startDate, series: "Planned", amount: 0 },
      { date: project.endDate, series: "Planned", amount: major(budget.total, digits) },
    );
  }
  if (eac !== null && last && project.endDate && project.endDate > today) {
    points.push(
      { date: today > last.date ? today : last.date, series: "Forecast", amount: major(last.minor, digits) },
      { date: project.endDate, series: "Forecast", amount: major(eac, digits) },
    );
  }
  return points;
}

export function burnChart(input: BurnInput): Chart {
  const { project, budget } = input;
  if (input.costs.length === 0 && (budget.total === null || !project.startDate || !project.endDate)) {
    return { kind: "burn", empty: "Nothing to chart yet: log a cost, or set a budget and the project's start and end dates." };
  }
  const spent = input.costs.reduce((sum, c) => sum + c.amount, 0n);
  const digits = currencyDigits(project.currency);
  const title = `Budget burn-up — ${project.name}`;
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]> = [
    {
      data: { values: burnPoints(input) },
      mark: { type: "line" },
      encoding: {
        x: { field: "date", type: "temporal", scale: { type: "utc" }, axis: { title: null, format: "%d %b", labelOverlap: true } },
        y: { field: "amount", type: "quantitative", axis: { title: null, labelExpr: moneyLabels(project.currency) } },
        color: {
          field: "series",
          type: "nominal",
          scale: { domain: ["Planned", "Actual", "Forecast"], range: [COLORS.planned, COLORS.actual, COLORS.forecast] },
          legend: { title: null, symbolType: "stroke" },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          scale: {
            domain: ["Planned", "Actual", "Forecast"],
            range: [
              [6, 4],
              [1, 0],
              [2, 3],
            ],
          },
          legend: null,
        },
      },
    },
  ];
  if (budget.total !== null) {
    layers.push({
      data: { values: [{ amount: major(budget.total, digits), label: `Budget ${formatMoney(budget.total, project.currency)}` }] },
      layer: [
        { mark: { type: "rule", color: COLORS.budget, strokeWidth: 1.5 }, encoding: { y: { field: "amount", type: "quantitative" } } },
        {
          mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -3, color: COLORS.budget, fontSize: 11 },
          encoding: { y: { field: "amount", type: "quantitative" }, x: { value: 0 }, text: { field: "label" } },
        },
      ],
    });
  }
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    layer: layers,
  };
  const parts = [`${formatMoney(spent, project.currency)} spent`];
  if (budget.total !== null) parts.push(`of a ${formatMoney(budget.total, project.currency)} budget`);
  if (input.eac !== null) parts.push(`forecast at completion ${formatMoney(input.eac, project.currency)}`);
  return { kind: "burn", title, alt: `${title}: ${parts.join(", ")}.`, spec };
}
