/**
 * Daily reminders: at 09:00 in each person's own zone, one DM per person
 * listing their overdue tasks and risk reviews, and the change requests that
 * have waited 3 working days for their decision, across projects.
 * Claimed per (tenant, member, local date) so a person hears once a day
 * however many ticks or processes run; people with nothing to hear about are
 * not claimed and get nothing. Same grace rules as standup prompts, and a late
 * catch-up that lands in the person's quiet hours waits until they end.
 * Each change request listed records the day (markReminded).
 */
import type { DateTime } from "luxon";
import {
  type TenantId,
  directMessage,
  memberZone,
  overdueOn,
  overdueReminder,
  reminderCount,
  reminderDedupeKey,
  type OverdueItems,
  approverIds,
  pendingApprovers,
  type Member,
  WEEKDAYS,
  occurrencesBetween,
} from "../core/index.js";
import { tenantsWithActiveProjects, type ReminderTenant } from "../store/repositories/reminder-sources.js";
import type { TickDeps, TickOutcome, TickResult } from "./tick-deps.js";

export const REMINDER_JOB = "reminder";
/** Local wall-clock time reminders go out. */
export const REMINDER_TIME = "09:00";
/** How far back a tick looks for reminders the process slept through. */
const LOOKBACK_HOURS = 24;
/**
 * A change request is in a reminder only once it has been open on 3 working
 * days before the reminder's local date, so more than 2 days after it was
 * requested, in any zone; reminders are never later than now, so anything
 * requested within the last 2 days cannot be due and is not even loaded.
 */
const CHANGE_MIN_AGE_HOURS = 48;

export async function runReminders(
  deps: TickDeps,
  now: DateTime,
  grace: number,
  filter: { tenantId?: TenantId } = {},
): Promise<TickResult[]> {
  const results: TickResult[] = [];
  const changesRequestedBefore = now.minus({ hours: CHANGE_MIN_AGE_HOURS }).toJSDate();
  for (const tenant of await tenantsWithActiveProjects(deps.db, { ...filter, changesRequestedBefore })) {
    try {
      results.push(...(await runTenant(deps, tenant, now.toUTC(), grace)));
    } catch (error) {
      // One broken tenant must not stop the others.
      deps.log.error("reminders failed", { tenantId: tenant.tenantId, error: String(error) });
    }
  }
  return results;
}

async function runTenant(deps: TickDeps, tenant: ReminderTenant, now: DateTime, grace: number): Promise<TickResult[]> {
  const { tenantId } = tenant;
  const byOwner = await openItemsByOwner(deps, tenant, now);
  if (!byOwner.size) return [];
  const out: TickResult[] = [];
  for (const member of await deps.store.members.getMany(tenantId, [...byOwner.keys()])) {
    const items = byOwner.get(member.id)!;
    const zone = memberZone(member.timeZone);
    const rule = { days: WEEKDAYS, time: REMINDER_TIME, timeZone: zone };
    for (const occurrence of occurrencesBetween(rule, now.minus({ hours: LOOKBACK_HOURS }), now)) {
      const slot = occurrence.localDate;
      const due = overdueOn(items, slot, zone);
      if (!reminderCount(due)) continue;
      out.push(await remind(deps, tenant, member, zone, slot, occurrence.at, due, now, grace));
    }
  }
  return out;
}

async function remind(
  deps: TickDeps,
  tenant: ReminderTenant,
  member: Member,
  zone: string,
  slot: string,
  at: DateTime,
  due: OverdueItems,
  now: DateTime,
  grace: number,
): Promise<TickResult> {
  const { tenantId } = tenant;
  // Member ids are unique across tenants already; the tenant keeps the key readable in JobRun.
  const key = `${tenantId}:${member.id}`;
  const result = { tenantId, job: REMINDER_JOB, key, slot, due: at.toISO()! };
  if (!(await deps.claims.claim(tenantId, REMINDER_JOB, key, slot, deps.worker, { now: now.toJSDate() })))
    return { ...result, outcome: "already-claimed" };
  const finish = async (outcome: Exclude<TickOutcome, "already-claimed">, detail: string): Promise<TickResult> => {
    await deps.claims.finish(tenantId, REMINDER_JOB, key, slot, outcome, detail);
    return { ...result, outcome, detail };
  };
  const lateMinutes = now.diff(at, "minutes").minutes;
  if (lateMinutes > grace) return finish("missed", `${Math.round(lateMinutes)} min late, beyond the ${grace} min grace window`);
  try {
    const message = directMessage(member, now, {
      kind: "reminder",
      dedupeKey: reminderDedupeKey(tenantId, member.id, slot),
      reply: overdueReminder(due, slot, zone),
    });
    const { id, created } = await deps.outbox.enqueue(tenantId, tenant.platform, message);
    // The day is recorded on each request listed, in the name of the approver it was sent to.
    for (const { change } of due.changes ?? []) await deps.store.changes.markReminded({ tenantId, actorId: member.id }, change.id, slot);
    const held = message.notBefore ? `, held until ${message.notBefore.toISOString()}` : "";
    return finish("done", `${created ? "queued" : "already queued"} ${id}${held}`);
  } catch (error) {
    return finish("failed", error instanceof Error ? error.message : String(error));
  }
}

/**
 * Open tasks with a due date and open risks with a review date in the
 * tenant's active projects, grouped by owner. Only dates before tomorrow in
 * the earliest zone (UTC+14) can be overdue anywhere, so later ones are not loaded.
 * Open change requests, with the approvers who still owe a decision, are
 * loaded only for the projects the tenant look-up found them in.
 */
async function openItemsByOwner(deps: TickDeps, tenant: ReminderTenant, now: DateTime): Promise<Map<string, OverdueItems>> {
  const { tenantId } = tenant;
  const dueBefore = now.plus({ days: 1 }).toISODate()!;
  const withChanges = new Set(tenant.projectsWithOpenChanges);
  const byOwner = new Map<string, OverdueItems>();
  const entry = (ownerId: string) => {
    let items = byOwner.get(ownerId);
    if (!items) byOwner.set(ownerId, (items = { tasks: [], risks: [], changes: [] }));
    return items;
  };
  for (const project of await deps.store.projects.list(tenantId)) {
    if (project.status !== "active") continue;
    for (const task of await deps.store.tasks.list(tenantId, project.id, { dueBefore, status: ["todo", "in_progress"] })) {
      if (task.assigneeId) entry(task.assigneeId).tasks.push({ task, project });
    }
    for (const risk of await deps.store.risks.list(tenantId, project.id, { status: "open" })) {
      if (risk.ownerId && risk.reviewDate && risk.reviewDate < dueBefore) entry(risk.ownerId).risks.push({ risk, project });
    }
    if (!withChanges.has(project.id)) continue;
    const [changes, stakeholders] = await Promise.all([
      deps.store.changes.list(tenantId, project.id, { status: ["open"] }),
      deps.store.stakeholders.list(tenantId, project.id),
    ]);
    // Approvers who have approved already (policy all) are not asked again while the others decide.
    const approvers = approverIds(project, stakeholders);
    for (const change of changes) {
      if (change.status !== "open") continue;
      for (const memberId of pendingApprovers(approvers, change.decisions)) entry(memberId).changes!.push({ change, project });
    }
  }
  return byOwner;
}
