/**
 * Budget alerts at 50 %, 80 % and 100 % of the total, or of a category's plan.
 *
 * Re-arming rule: costs are append-only, so spending only rises while a budget
 * total stays the same, and for one (threshold, total) pair the crossing can
 * happen at most once. The dedupe key therefore holds the threshold and the
 * total: raising the budget (`budget set`) makes a new key, so crossing the
 * threshold of the new total alerts again; going back to an earlier total
 * cannot re-cross it (spending is already above it). The key also makes two
 * concurrent cost adds that both see the same crossing post once.
 */
import type { Context } from "../context.js";
import type { BudgetAlertLevel } from "../domain/budget.js";
import { percent } from "../domain/money.js";
import { money } from "../commands/shared.js";
import type { CostCategory, Project } from "../store.js";
import { contextLine, heading, reply, text } from "../views/reply.js";
import { postAlert } from "./post.js";

export const BUDGET_THRESHOLDS: readonly BudgetAlertLevel[] = [50, 80, 100];

/**
 * The highest threshold that spending moved across (from below to at or
 * above), or null. Exact: 49.6 % does not count as 50 %. One cost passing
 * several thresholds raises only the highest, so the channel gets one alert.
 */
export function crossedThreshold(before: bigint, after: bigint, whole: bigint | null): BudgetAlertLevel | null {
  if (whole === null || whole <= 0n) return null;
  const reached = (spent: bigint, t: number) => spent * 100n >= whole * BigInt(t);
  return [...BUDGET_THRESHOLDS].reverse().find((t) => reached(after, t) && !reached(before, t)) ?? null;
}

export function budgetAlertKey(projectId: string, threshold: BudgetAlertLevel, whole: bigint, category?: CostCategory): string {
  return `budget:${projectId}:${category ?? "total"}:${threshold}:${whole}`;
}

export interface BudgetCrossing {
  threshold: BudgetAlertLevel;
  spent: bigint;
  /** The budget total, or the category's plan. */
  whole: bigint;
  category?: CostCategory;
}

export async function postBudgetAlert(
  ctx: Pick<Context, "tenant" | "channel" | "notify" | "log" | "store">,
  project: Project,
  crossing: BudgetCrossing,
): Promise<string[]> {
  const { threshold, spent, whole, category } = crossing;
  const cur = project.currency;
  const what = category ? `the ${category} budget` : "the budget";
  const used = percent(spent, whole);
  const message =
    threshold >= 100
      ? `*Budget exceeded:* spending on ${what} of ${project.name} is at ${used}% — ${money(spent, cur)} of ${money(whole, cur)}.`
      : `*Budget alert:* spending on ${what} of ${project.name} passed ${threshold}% — ${money(spent, cur)} of ${money(whole, cur)} (${used}%).`;
  const alert = reply(
    `${project.name}: ${what} ${threshold >= 100 ? "exceeded" : `passed ${threshold}%`}`,
    [heading(`Budget alert — ${project.name}`), text(message), contextLine("`budget` shows the burn rate and the forecast at completion.")],
    "channel",
  );
  return postAlert(ctx, project, budgetAlertKey(project.id, threshold, whole, category), alert);
}
