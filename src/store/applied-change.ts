/** How the writes an approved change request made name it: the budget line's source and every audit event. */
import type { AppliedChange } from "../core/index.js";

/** BudgetLine.source (and the audit reference) of what an approved change request added. */
export const changeSource = (changeId: string): string => `change:${changeId}`;

/** Spread into an audit event's `after`: the request, its number and the source. */
export const changeNames = (change: AppliedChange) => ({
  changeRequest: change.changeId,
  number: change.number,
  source: changeSource(change.changeId),
});
