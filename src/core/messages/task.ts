/** How tasks read in chat: one line per task, due dates in words, next-step buttons. */
import { formatDate, relativeDue } from "../domain/dates.js";
import type { Member, Task } from "../store.js";
import type { Button } from "../views/reply.js";
import { at, ref } from "../commands/shared.js";

/** `#3 Fix login bug — @bob, due Fri 6 Mar 2026 (due in 4 days)`; shared by the task commands. */
export function taskLine(task: Task, assignee: Member | null | undefined, today: string): string {
  const who = assignee ? at(assignee) : "unassigned";
  return `${ref(task.number)} ${task.title} — ${who}${task.dueDate ? `, ${dueText(task, today)}` : ""}`;
}

/** Due date in words; done tasks are never overdue. */
export function dueText(task: Pick<Task, "dueDate" | "status">, today: string): string {
  if (!task.dueDate) return "no due date";
  const when = `due ${formatDate(task.dueDate)}`;
  return task.status === "done" ? when : `${when} (${relativeDue(task.dueDate, today)})`;
}

export const isOverdue = (task: Pick<Task, "dueDate" | "status">, today: string): boolean =>
  task.status !== "done" && task.dueDate !== null && task.dueDate < today;

/** The buttons that move a task on from where it is. */
export function taskButtons(task: Task): Button[] {
  const buttons: Button[] = [];
  if (task.status === "todo") buttons.push({ label: "Start", command: `task start ${ref(task.number)}` });
  if (task.status !== "done") buttons.push({ label: "Mark done", command: `task done ${ref(task.number)}`, style: "primary" });
  return buttons;
}
