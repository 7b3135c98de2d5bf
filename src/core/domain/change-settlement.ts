/**
 * What an approved change request does to the plan, computed from the
 * project and its charter as they are at the approval. Pure: the approving
 * command writes the result through the store, in the transaction that
 * records the decision.
 *
 * - cost: the budget's total grows by the cost impact (a total not set yet
 *   counts as 0), and a line of category "other" records the amount beside
 *   the baseline, which stays as it was;
 * - schedule: the end date moves by the schedule impact in calendar days (a
 *   project without an end date keeps none);
 * - scope: the charter's next version is the latest one's content with the
 *   scope text added to `scope.in` (version 1 holding only that scope when
 *   the project has no charter yet).
 *
 * It is refused, and nothing is decided, when the cost is in another currency
 * than the budget is now, or when the total or the end date would leave what
 * Charter stores (the money limit, dates 1970-2199).
 */
import type { ChangeRequest, CharterVersion, CostCategory, Project } from "../records/index.js";
import { addDays, DATE_RANGE_TEXT, isDateInRange } from "./dates.js";
import { overMoneyLimitMessage, withinMoneyLimit } from "./money.js";
import { withScopeItem } from "./charter.js";

/** The budget category of the line an approved change adds (change requests carry no category of their own). */
export const CHANGE_LINE_CATEGORY: CostCategory = "other";

export interface ChangeSettlement {
  /** The budget's new total, and the amount its own line records; null without a cost impact. */
  budget: { total: bigint; category: CostCategory; amount: bigint } | null;
  /** The project's new end date and the days it moved; null without a schedule impact or an end date to move. */
  schedule: { endDate: string; days: number } | null;
  /** The content of the charter's next version and the scope item it adds; null without a scope impact. */
  charter: { content: Record<string, unknown>; added: string } | null;
}

export type SettlementOutcome = { ok: true; settlement: ChangeSettlement } | { ok: false; message: string };

export function changeSettlement(
  project: Pick<Project, "name" | "currency" | "budgetTotal" | "endDate">,
  change: Pick<ChangeRequest, "number" | "costImpact" | "currency" | "scheduleDays" | "scopeText">,
  latestCharter: Pick<CharterVersion, "content"> | null,
): SettlementOutcome {
  const settlement: ChangeSettlement = { budget: null, schedule: null, charter: null };

  if (change.costImpact !== null && change.costImpact !== 0n) {
    if (change.currency !== null && change.currency !== project.currency) {
      return {
        ok: false,
        message: `Change request #${change.number} costs ${change.currency}, but ${project.name}'s budget is now in ${project.currency}. Amounts are never converted, so nothing was decided.`,
      };
    }
    const total = (project.budgetTotal ?? 0n) + change.costImpact;
    if (!withinMoneyLimit(total)) return { ok: false, message: overMoneyLimitMessage(`${project.name}'s budget`, total, project.currency) };
    settlement.budget = { total, category: CHANGE_LINE_CATEGORY, amount: change.costImpact };
  }

  if (change.scheduleDays !== null && change.scheduleDays !== 0 && project.endDate !== null) {
    const endDate = addDays(project.endDate, change.scheduleDays);
    // The end date may have moved since the request was raised: the range is checked as it is applied.
    if (!isDateInRange(endDate)) {
      return {
        ok: false,
        message: `That would move ${project.name}'s end date to ${endDate}; dates must be ${DATE_RANGE_TEXT}. Nothing was decided.`,
      };
    }
    settlement.schedule = { endDate, days: change.scheduleDays };
  }

  if (change.scopeText !== null && change.scopeText.trim() !== "") {
    settlement.charter = { content: withScopeItem(latestCharter?.content ?? null, change.scopeText), added: change.scopeText };
  }

  return { ok: true, settlement };
}
