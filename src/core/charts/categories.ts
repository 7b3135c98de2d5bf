/** Spend by category: what each cost category has cost so far next to its budget line. */
import type { TopLevelSpec } from "vega-lite";
import { currencyDigits, formatMoney } from "../domain/money.js";
import { COST_CATEGORIES, type Budget, type CostCategory, type CostTotals, type Project } from "../store.js";
import { CHART_CONFIG, CHART_WIDTH, COLORS, moneyLabels } from "./theme.js";
import { major, type Chart } from "./types.js";

export interface CategoryBar {
  category: CostCategory;
  series: "Spent" | "Budget";
  amount: number;
}

export interface CategoriesInput {
  project: Pick<Project, "name" | "currency">;
  totals: Pick<CostTotals, "byCategory" | "total">;
  budget: Pick<Budget, "lines">;
}

/** Categories with spending or a budget line, in the fixed category order, each with Spent and (when planned) Budget. */
export function categoryBars(input: CategoriesInput): CategoryBar[] {
  const digits = currencyDigits(input.project.currency);
  const planned = new Map(input.budget.lines.map((l) => [l.category, l.amount]));
  return COST_CATEGORIES.flatMap((category): CategoryBar[] => {
    const spent = input.totals.byCategory[category] ?? 0n;
    const plan = planned.get(category);
    if (spent === 0n && !plan) return [];
    const bars: CategoryBar[] = [{ category, series: "Spent", amount: major(spent, digits) }];
    if (plan) bars.push({ category, series: "Budget", amount: major(plan, digits) });
    return bars;
  });
}

export function categoriesChart(input: CategoriesInput): Chart {
  const bars = categoryBars(input);
  if (bars.length === 0)
    return { kind: "categories", empty: "Nothing to chart yet: no costs logged and no budget lines set (`budget set … labour 5000`)." };
  const { project } = input;
  const title = `Spend by category — ${project.name}`;
  const rows = new Set(bars.map((b) => b.category)).size;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: CHART_WIDTH - 100,
    height: { step: 22 } as never,
    config: CHART_CONFIG,
    data: { values: bars },
    encoding: {
      y: { field: "category", type: "nominal", sort: null, axis: { title: null, labelFontSize: 12 } },
      yOffset: { field: "series", type: "nominal", sort: ["Spent", "Budget"] },
      x: { field: "amount", type: "quantitative", axis: { title: null, labelExpr: moneyLabels(project.currency) } },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: ["Spent", "Budget"], range: [COLORS.actual, COLORS.planned] },
        legend: { title: null },
      },
    },
    layer: [
      { mark: { type: "bar", cornerRadiusEnd: 2 } },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#3d444d" },
        encoding: { text: { field: "amount", type: "quantitative", format: ",.0f" } },
      },
    ],
  };
  const top = COST_CATEGORIES.map((c) => [c, input.totals.byCategory[c] ?? 0n] as const)
    .filter(([, v]) => v > 0n)
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
    .slice(0, 3)
    .map(([c, v]) => `${c} ${formatMoney(v, project.currency)}`);
  const alt = `${title}: ${rows} ${rows === 1 ? "category" : "categories"}${top.length ? `; most spent on ${top.join(", ")}` : ""}.`;
  return { kind: "categories", title, alt, spec };
}
