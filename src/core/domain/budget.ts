/**
 * Budget status: plan vs actual, burn rate and forecast at completion.
 *
 * The plan has two layers: the baseline (what `budget set` recorded) and the
 * approved change requests on top of it; together they are the current plan.
 * Every figure that compares spending with "the budget" (remaining, percent
 * used, alerts, forecast variance) uses the current plan, and the baseline
 * tells how much of that spending an approved scope change accounts for.
 *
 * All money is bigint minor units. Rounding: every division rounds to the
 * nearest minor unit, exact halves up (divRoundHalfUp), and happens once at
 * the end of each figure, so nothing drifts from intermediate rounding.
 */
import { COST_CATEGORIES, type ApprovedBudgetChange, type Budget, type CostCategory, type CostTotals, type Project } from "../store.js";
import { daysBetween } from "./dates.js";
import { divRoundHalfUp, percent } from "./money.js";

export interface BudgetInput {
  /** The current plan (baseline plus approved changes); null until a budget is set. */
  total: bigint | null;
  /** Contingency as a percent of total, e.g. 10 or 7.5. */
  contingencyPct: number;
  /** The baseline's plan per category. */
  lines: { category: CostCategory; amount: bigint }[];
  /** Approved change requests included in total (none when omitted). */
  changes?: Pick<ApprovedBudgetChange, "number" | "category" | "amount">[];
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

/**
 * Where spending stands against the two layers of the plan: within the
 * baseline; over the baseline but covered by approved changes (a scope
 * change, not overspending); or over the current plan (overspending).
 */
export type SpendingStanding = "within-baseline" | "within-approved-changes" | "over-plan";

export interface BudgetStatus {
  /** The current plan: baseline plus approved changes; null without a budget. */
  total: bigint | null;
  /** total minus approved changes; null without a budget. */
  baseline: bigint | null;
  /** Sum of the approved changes (0n without any). */
  approvedChanges: bigint;
  /** Numbers of the approved change requests behind approvedChanges, ascending. */
  changeNumbers: number[];
  /** How many approved changes make up approvedChanges. */
  changeCount: number;
  spent: bigint;
  /** total - spent, the variance against the current plan; negative when overspent; null without a total. */
  remaining: bigint | null;
  /** spent - baseline when spending passed the baseline, else 0n; null without a budget. */
  overBaseline: bigint | null;
  /** null without a budget. */
  standing: SpendingStanding | null;
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

  const changes = input.changes ?? [];
  // A category's plan is its baseline line plus the approved changes booked to it.
  const planned = new Map<CostCategory, bigint>();
  for (const line of [...input.lines, ...changes]) planned.set(line.category, (planned.get(line.category) ?? 0n) + line.amount);
  const approvedChanges = changes.reduce((sum, c) => sum + c.amount, 0n);
  const baseline = total === null ? null : total - approvedChanges;

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
    baseline,
    approvedChanges,
    changeNumbers: changes
      .map((c) => c.number)
      .filter((n): n is number => n !== null)
      .sort((a, b) => a - b),
    changeCount: changes.length,
    spent,
    remaining: total === null ? null : total - spent,
    overBaseline: baseline === null ? null : spent > baseline ? spent - baseline : 0n,
    standing:
      total === null || baseline === null
        ? null
        : spent > total
          ? "over-plan"
          : spent > baseline
            ? "within-approved-changes"
            : "within-baseline",
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
  budget: Pick<Budget, "total" | "contingencyPct" | "lines"> & Partial<Pick<Budget, "changes">>,
  totals: Pick<CostTotals, "total" | "byCategory" | "firstOn">,
  today: string,
): BudgetStatus {
  return budgetStatus({
    total: budget.total,
    contingencyPct: budget.contingencyPct,
    lines: budget.lines,
    changes: budget.changes ?? [],
    spent: totals.total,
    spentByCategory: totals.byCategory,
    startDate: project.startDate,
    endDate: project.endDate,
    firstCostOn: totals.firstOn,
    today,
  });
}
