/**
 * Budget status: plan vs actual, burn rate and forecast at completion.
 *
 * All money is bigint minor units. Rounding: every division rounds to the
 * nearest minor unit, exact halves up (divRoundHalfUp), and happens once at
 * the end of each figure, so nothing drifts from intermediate rounding.
 */
import { COST_CATEGORIES, type Budget, type CostCategory, type CostTotals, type Project } from "../store.js";
import { daysBetween } from "./dates.js";
import { divRoundHalfUp, percent } from "./money.js";

export interface BudgetInput {
  /** Budget total; null until a budget is set. */
  total: bigint | null;
  /** Contingency as a percent of total, e.g. 10 or 7.5. */
  contingencyPct: number;
  lines: { category: CostCategory; amount: bigint }[];
  spent: bigint;
  spentByCategory: Partial<Record<CostCategory, bigint>>;
  startDate: string | null;
  endDate: string | null;
  /** Date of the earliest cost; the burn clock starts here when the project has no start date. */
  firstCostOn: string | null;
  /** ISO date in the user's zone. */
  today: string;
}

export interface CategoryStatus {
  category: CostCategory;
  planned: bigint | null;
  actual: bigint;
  /** Integer percent of plan used; null without a (non-zero) plan. */
  percentUsed: number | null;
  over: boolean;
}

export type BudgetAlertLevel = 50 | 80 | 100;

export interface BudgetStatus {
  total: bigint | null;
  spent: bigint;
  /** total - spent; negative when overspent; null without a total. */
  remaining: bigint | null;
  /** Integer percent of total spent, rounded half up; 0 without a total (as percent() of a zero whole). */
  percentUsed: number;
  /** total * contingencyPct / 100; null without a total. */
  contingency: bigint | null;
  /** Categories with a plan or with actuals, in COST_CATEGORIES order. */
  perCategory: CategoryStatus[];
  /** Average spend per 7 days since the start; null when under a day has elapsed. */
  burnPerWeek: bigint | null;
  /** Spent plus the same burn rate over the days left to the end date; null without dates. */
  forecastAtCompletion: bigint | null;
  /** total - forecast; negative means the forecast overruns the budget. */
  forecastVariance: bigint | null;
  /** Highest alert threshold reached by the exact (unrounded) share spent. */
  alertLevel: BudgetAlertLevel | null;
}

/** Percent values carry at most 6 decimals into the exact bigint math. */
const PCT_SCALE = 1_000_000;

/** total * pct / 100, rounded half up to the minor unit. */
export function contingencyAmount(total: bigint, pct: number): bigint {
  if (!Number.isFinite(pct)) return 0n;
  const scaled = BigInt(Math.round(pct * PCT_SCALE));
  return divRoundHalfUp(total * scaled, 100n * BigInt(PCT_SCALE));
}

function alertLevel(spent: bigint, total: bigint | null): BudgetAlertLevel | null {
  if (total === null || total < 0n) return null;
  if (total === 0n) return spent > 0n ? 100 : null;
  // Compare exactly: 49.6 % must not raise the 50 % alert just because it rounds to 50.
  for (const level of [100, 80, 50] as const) {
    if (spent * 100n >= total * BigInt(level)) return level;
  }
  return null;
}

export function budgetStatus(input: BudgetInput): BudgetStatus {
  const { total, spent, today } = input;

  const planned = new Map<CostCategory, bigint>();
  for (const line of input.lines) planned.set(line.category, (planned.get(line.category) ?? 0n) + line.amount);

  const perCategory: CategoryStatus[] = [];
  for (const category of COST_CATEGORIES) {
    const plan = planned.get(category) ?? null;
    const actual = input.spentByCategory[category];
    if (plan === null && actual === undefined) continue;
    const act = actual ?? 0n;
    perCategory.push({
      category,
      planned: plan,
      actual: act,
      percentUsed: plan === null || plan === 0n ? null : percent(act, plan),
      over: plan !== null && act > plan,
    });
  }

  const start = input.startDate ?? input.firstCostOn;
  const elapsedDays = start === null ? Number.NaN : daysBetween(start, today);
  const canBurn = Number.isFinite(elapsedDays) && elapsedDays >= 1;
  const elapsed = canBurn ? BigInt(elapsedDays) : 0n;
  const burnPerWeek = canBurn ? divRoundHalfUp(spent * 7n, elapsed) : null;

  let forecastAtCompletion: bigint | null = null;
  const daysLeft = input.endDate === null ? Number.NaN : daysBetween(today, input.endDate);
  if (canBurn && Number.isFinite(daysLeft)) {
    // spent + (spent / elapsed) * left, computed as one fraction so the weekly rounding does not compound.
    const left = BigInt(Math.max(0, daysLeft));
    forecastAtCompletion = divRoundHalfUp(spent * (elapsed + left), elapsed);
  }

  return {
    total,
    spent,
    remaining: total === null ? null : total - spent,
    percentUsed: total === null ? 0 : percent(spent, total),
    contingency: total === null ? null : contingencyAmount(total, input.contingencyPct),
    perCategory,
    burnPerWeek,
    forecastAtCompletion,
    forecastVariance: total === null || forecastAtCompletion === null ? null : total - forecastAtCompletion,
    alertLevel: alertLevel(spent, total),
  };
}

/** The status of a project's budget from what the store returns: its plan, its cost totals and its dates. */
export function projectBudgetStatus(
  project: Pick<Project, "startDate" | "endDate">,
  budget: Pick<Budget, "total" | "contingencyPct" | "lines">,
  totals: Pick<CostTotals, "total" | "byCategory" | "firstOn">,
  today: string,
): BudgetStatus {
  return budgetStatus({
    total: budget.total,
    contingencyPct: budget.contingencyPct,
    lines: budget.lines,
    spent: totals.total,
    spentByCategory: totals.byCategory,
    startDate: project.startDate,
    endDate: project.endDate,
    firstCostOn: totals.firstOn,
    today,
  });
}
