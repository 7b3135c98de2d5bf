/**
 * The daily overdue reminder: one private DM per person listing every task
 * past its due date and every open risk past its review date that they own,
 * and every change request that has waited 3 working days for their decision
 * (see change-requests.ts), across all projects.
 */
import { formatDate, relativeDue } from "../domain/dates.js";
import type { ChangeRequest, Project, Risk, Task } from "../store.js";
import { ref } from "../commands/shared.js";
import { changeImpact } from "../messages/budget.js";
import { contextLine, heading, list, reply, text, type Block, type Reply } from "../views/reply.js";
import { changeReminderDue, localDay, workingDaysBetween } from "./change-requests.js";

/** More lines than this and a DM stops being read; the rest are counted. */
export const MAX_REMINDER_LINES = 15;

export interface OverdueItems {
  tasks: { task: Task; project: Project }[];
  risks: { risk: Risk; project: Project }[];
  /** Open change requests waiting for this person's decision (none when omitted). */
  changes?: { change: ChangeRequest; project: Project }[];
}

/**
 * What is overdue as of a local date: open tasks due before it, open risks to
 * review before it, and open change requests that have waited 3 working days,
 * counted in `zone` (the person's).
 */
export function overdueOn(items: OverdueItems, localDate: string, zone = "UTC"): OverdueItems {
  return {
    tasks: items.tasks.filter(({ task }) => task.status !== "done" && task.dueDate !== null && task.dueDate < localDate),
    risks: items.risks.filter(({ risk }) => risk.status === "open" && risk.reviewDate !== null && risk.reviewDate < localDate),
    changes: (items.changes ?? []).filter(({ change }) => changeReminderDue(change, localDate, zone)),
  };
}

export const reminderCount = (items: OverdueItems): number => items.tasks.length + items.risks.length + (items.changes?.length ?? 0);

/** The outbox dedupe key: one reminder per tenant, member and local date. */
export const reminderDedupeKey = (tenantId: string, memberId: string, localDate: string): string =>
  `reminder:${tenantId}:${memberId}:${localDate}`;

/**
 * The reminder DM. Change requests come first (others are waiting on the
 * decision), then tasks and risk reviews; at most MAX_REMINDER_LINES lines in
 * all, the rest counted. `zone` is the person's, for the requests' ages.
 */
export function overdueReminder(items: OverdueItems, localDate: string, zone = "UTC"): Reply {
  // Oldest first: what has waited longest matters most.
  const changes = [...(items.changes ?? [])].sort(
    (a, b) => a.change.requestedAt.getTime() - b.change.requestedAt.getTime() || a.change.number - b.change.number,
  );
  const tasks = [...items.tasks].sort((a, b) => a.task.dueDate!.localeCompare(b.task.dueDate!));
  const risks = [...items.risks].sort((a, b) => a.risk.reviewDate!.localeCompare(b.risk.reviewDate!));
  const changeLines = changes.map(({ change, project }) => {
    const requested = localDay(change.requestedAt, zone);
    const waited = workingDaysBetween(requested, localDate);
    return `${project.name}: change ${ref(change.number)} ${change.title} — waiting ${plural(waited, "working day")} for your decision, requested ${formatDate(requested)} (${changeImpact(change, project.currency)})`;
  });
  const workLines = [
    ...tasks.map(
      ({ task, project }) =>
        `${project.name}: task ${ref(task.number)} ${task.title} — due ${formatDate(task.dueDate!)} (${relativeDue(task.dueDate!, localDate)})`,
    ),
    ...risks.map(
      ({ risk, project }) => `${project.name}: risk ${ref(risk.number)} ${risk.title} — review was due ${formatDate(risk.reviewDate!)}`,
    ),
  ];
  const shownChanges = changeLines.slice(0, MAX_REMINDER_LINES);
  const shownWork = workLines.slice(0, MAX_REMINDER_LINES - shownChanges.length);
  const more = changeLines.length + workLines.length - shownChanges.length - shownWork.length;
  if (more > 0) (shownWork.length || !shownChanges.length ? shownWork : shownChanges).push(`and ${more} more`);

  const parts = [
    tasks.length ? plural(tasks.length, "overdue task") : "",
    risks.length ? plural(risks.length, "risk review") + " overdue" : "",
    changes.length ? plural(changes.length, "change request") + " to decide" : "",
  ].filter(Boolean);
  const summary = `You have ${joinAnd(parts)}`;
  const blocks: Block[] = [];
  if (shownChanges.length) {
    blocks.push(
      heading(`Waiting for your decision — ${formatDate(localDate)}`),
      list(shownChanges),
      contextLine(
        'Decide with `change approve #<id>`, `change reject #<id>` or `change ask #<id> "<question>"`, adding `in "<project>"` outside the project\'s channel.',
      ),
    );
  }
  if (shownWork.length) {
    blocks.push(
      shownChanges.length ? text("*Overdue*") : heading(`Overdue — ${formatDate(localDate)}`),
      list(shownWork),
      contextLine("Mark tasks done or move their due dates; review risks or set a new review date."),
    );
  }
  return reply(summary, blocks);
}

/** "a", "a and b", "a, b and c". */
const joinAnd = (parts: string[]): string => (parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
