import { relativeDue } from "../domain/dates.js";
import type { Milestone } from "../store.js";

/** "✓ done", "overdue by 3 days", "due in 5 days". */
export function milestoneStatus(m: Milestone, today: string): string {
  if (m.doneAt) return `✓ done ${m.doneAt.toISOString().slice(0, 10)}`;
  const due = relativeDue(m.dueDate, today);
  return m.dueDate < today ? `⚠ ${due}` : due;
}
