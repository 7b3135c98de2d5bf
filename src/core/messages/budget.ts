/**
 * How the budget command and the weekly digest show the plan's two layers:
 * the baseline, the approved changes on top of it and the resulting current
 * plan, and whether spending beyond the baseline is covered by those changes;
 * the plan per category; and how a change request's impact on budget,
 * schedule and scope reads.
 */
import type { BudgetStatus } from "../domain/budget.js";
import type { ChangeRequest } from "../store.js";
import { table, type Block } from "../views/reply.js";
import { money, ref } from "../commands/shared.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "+$2,000.00" or "−$500.00": an impact, always signed. */
export function signedMoney(amount: bigint, currency: string): string {
  return amount < 0n ? `−${money(-amount, currency)}` : `+${money(amount, currency)}`;
}

/** "#1, #3" — the approved requests, or how many when their numbers are unknown. */
function changeRefs(status: BudgetStatus): string {
  return status.changeNumbers.length ? status.changeNumbers.map(ref).join(", ") : plural(status.changeCount, "change");
}

/** "+$2,000.00 (2 changes: #1, #3)", or "none". */
export function approvedChangesText(status: BudgetStatus, currency: string): string {
  if (status.changeCount === 0) return "none";
  const refs = status.changeNumbers.length ? `: ${status.changeNumbers.map(ref).join(", ")}` : "";
  return `${signedMoney(status.approvedChanges, currency)} (${plural(status.changeCount, "change")}${refs})`;
}

/** Baseline, approved changes and current plan; nothing without a budget. */
export function planFields(status: BudgetStatus, currency: string): [string, string][] {
  if (status.total === null || status.baseline === null) return [];
  return [
    ["Baseline", money(status.baseline, currency)],
    ["Approved changes", approvedChangesText(status, currency)],
    ["Current plan", money(status.total, currency)],
  ];
}

/** Spending against the current plan: "$4,400.00 under the current plan" or "⚠ $200.00 over the current plan". */
export function varianceText(status: BudgetStatus, currency: string): string | null {
  if (status.remaining === null) return null;
  if (status.remaining === 0n) return "exactly on the current plan";
  return status.remaining > 0n
    ? `${money(status.remaining, currency)} under the current plan`
    : `⚠ ${money(-status.remaining, currency)} over the current plan`;
}

/**
 * A sentence telling a scope change from overspending once spending has
 * passed the baseline; null while it has not.
 */
export function standingNote(status: BudgetStatus, currency: string): string | null {
  if (status.standing === "within-approved-changes") {
    return `Spending is ${money(status.overBaseline!, currency)} over the baseline, covered by approved changes (${changeRefs(status)}): approved scope change, not overspending.`;
  }
  if (status.standing === "over-plan") {
    const over = money(-status.remaining!, currency);
    return status.changeCount === 0
      ? `⚠ Spending is ${over} over the budget: overspending.`
      : `⚠ Spending is ${over} over the current plan, even with the approved changes (${changeRefs(status)}): overspending beyond the approved scope.`;
  }
  return null;
}

/** Planned, actual and used per category ("107% ⚠ over" past its plan); nothing when no category has either. */
export function categoryTable(status: BudgetStatus, currency: string): Block[] {
  if (status.perCategory.length === 0) return [];
  return [
    table(
      ["Category", "Planned", "Actual", "Used"],
      status.perCategory.map((c) => [
        c.category,
        c.planned === null ? "—" : money(c.planned, currency),
        money(c.actual, currency),
        c.percentUsed === null ? "—" : `${c.percentUsed}%${c.over ? " ⚠ over" : ""}`,
      ]),
    ),
  ];
}

/** Scope texts can be long; a one-line summary shows their start. */
const SCOPE_CHARS = 80;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** "+$2,000.00, +5 days, scope: …", or that it changes neither budget, schedule nor scope. */
export function changeImpact(
  change: Pick<ChangeRequest, "costImpact" | "currency" | "scheduleDays" | "scopeText">,
  currency: string,
): string {
  const parts: string[] = [];
  if (change.costImpact !== null && change.costImpact !== 0n) parts.push(signedMoney(change.costImpact, change.currency ?? currency));
  if (change.scheduleDays !== null && change.scheduleDays !== 0) {
    const days = Math.abs(change.scheduleDays);
    parts.push(`${change.scheduleDays > 0 ? "+" : "−"}${days} ${days === 1 ? "day" : "days"}`);
  }
  if (change.scopeText) parts.push(`scope: ${clip(change.scopeText, SCOPE_CHARS)}`);
  return parts.length ? parts.join(", ") : "no budget, schedule or scope impact";
}
