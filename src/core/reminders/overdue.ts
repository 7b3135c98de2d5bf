/**
 * The daily overdue reminder: one private DM per person listing every task
 * past its due date and every open risk past its review date that they own,
 * across all projects.
 */
import { formatDate, relativeDue } from "../domain/dates.js";
import type { Project, Risk, Task } from "../store.js";
import { ref } from "../commands/shared.js";
import { contextLine, heading, list, reply, type Reply } from "../views/reply.js";

/** More lines than this and a DM stops being read; the rest are counted. */
export const MAX_REMINDER_LINES = 15;

export interface OverdueItems {
  tasks: { task: Task; project: Project }[];
  risks: { risk: Risk; project: Project }[];
}

/** What is overdue as of a local date: open tasks due before it, open risks to review before it. */
export function overdueOn(items: OverdueItems, localDate: string): OverdueItems {
  return {
    tasks: items.tasks.filter(({ task }) => task.status !== "done" && task.dueDate !== null && task.dueDate < localDate),
    risks: items.risks.filter(({ risk }) => risk.status === "open" && risk.reviewDate !== null && risk.reviewDate < localDate),
  };
}

export const reminderCount = (items: OverdueItems): number => items.tasks.length + items.risks.length;

/** The outbox dedupe key: one reminder per tenant, member and local date. */
export const reminderDedupeKey = (tenantId: string, memberId: string, localDate: string): string =>
  `reminder:${tenantId}:${memberId}:${localDate}`;

export function overdueReminder(items: OverdueItems, localDate: string): Reply {
  // Oldest first: what has waited longest matters most.
  const tasks = [...items.tasks].sort((a, b) => a.task.dueDate!.localeCompare(b.task.dueDate!));
  const risks = [...items.risks].sort((a, b) => a.risk.reviewDate!.localeCompare(b.risk.reviewDate!));
  const lines = [
    ...tasks.map(({ task, project }) => `${project.name}: task ${ref(task.number)} ${task.title} — due ${formatDate(task.dueDate!)} (${relativeDue(task.dueDate!, localDate)})`),
    ...risks.map(({ risk, project }) => `${project.name}: risk ${ref(risk.number)} ${risk.title} — review was due ${formatDate(risk.reviewDate!)}`),
  ];
  const shown = lines.slice(0, MAX_REMINDER_LINES);
  if (lines.length > shown.length) shown.push(`and ${lines.length - shown.length} more`);
  const parts = [tasks.length ? plural(tasks.length, "overdue task") : "", risks.length ? plural(risks.length, "risk review") + " overdue" : ""].filter(Boolean);
  const summary = `You have ${parts.join(" and ")}`;
  return reply(summary, [heading(`Overdue — ${formatDate(localDate)}`), list(shown), contextLine("Mark tasks done or move their due dates; review risks or set a new review date.")]);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
