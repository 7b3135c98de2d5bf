/**
 * The sections of the weekly digest, each a pure function of loaded data:
 * what was done, what is open (overdue first), milestones, budget, change
 * requests, risks, KPIs and standup participation.
 */
import { DateTime } from "luxon";
import { projectBudgetStatus } from "../domain/budget.js";
import { daysBetween, formatDate, isValidZone } from "../domain/dates.js";
import { riskScore, riskSeverity } from "../domain/risk.js";
import { at, money, ref } from "../commands/shared.js";
import { deadlineNote, formatValue, onTrack, targetText, trend } from "../messages/kpi.js";
import { milestoneStatus } from "../messages/milestone.js";
import { scoreText } from "../messages/risk.js";
import { categoryTable, changeImpact, planFields, standingNote, varianceText } from "../messages/budget.js";
import { isOverdue, taskLine } from "../messages/task.js";
import { keyFigures, projectEarnedValue } from "../messages/earned-value.js";
import type { ChangeRequest, Member, Milestone, Project, Risk, Task } from "../store.js";
import { contextLine, fields, heading, list, text, type Block } from "../views/reply.js";
import { occurrenceOn } from "../domain/schedule/occurrences.js";
import { beforeStart, isAway } from "../domain/schedule/standup-day.js";
import { capped } from "./cap.js";
import type { DigestData } from "./load.js";

export interface Week {
  /** First and last calendar day of the report, inclusive. */
  from: string;
  to: string;
  /** Zone in which instants (completedAt, doneAt) are turned into calendar days. */
  zone: string;
}

export const TOP_RISKS = 5;

/** The calendar day of an instant in the week's zone. */
function dayOf(instant: Date, zone: string): string {
  const dt = DateTime.fromJSDate(instant, { zone: isValidZone(zone) ? zone : "utc" });
  return dt.toISODate() ?? instant.toISOString().slice(0, 10);
}

const inWeek = (instant: Date | null, week: Week): boolean => {
  if (!instant) return false;
  const day = dayOf(instant, week.zone);
  return day >= week.from && day <= week.to;
};

/** Overdue first (oldest due first), then by due date, undated last; ties by number. */
export function byUrgency(a: Task, b: Task): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate.localeCompare(b.dueDate);
  }
  return a.number - b.number;
}

/** Highest score first; ties by number so the order is stable week to week. */
export const byScore = (a: Risk, b: Risk): number =>
  riskScore(b.probability, b.impact) - riskScore(a.probability, a.impact) || a.number - b.number;

/** What the sections select from the data, computed once (also tells which members to name). */
export interface DigestSelection {
  completed: Task[];
  open: Task[];
  overdue: number;
  doneMilestones: Milestone[];
  nextMilestone: Milestone | undefined;
  slipped: Milestone[];
  topRisks: Risk[];
  critical: number;
  /** Change requests approved or rejected within the week, in the order they were decided. */
  decidedChanges: ChangeRequest[];
  /** Change requests still waiting for a decision, oldest first. */
  openChanges: ChangeRequest[];
}

export function selectDigest(data: DigestData, week: Week): DigestSelection {
  const today = week.to;
  const completed = data.tasks
    .filter((t) => t.status === "done" && inWeek(t.completedAt, week))
    .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0) || a.number - b.number);
  const open = data.tasks.filter((t) => t.status !== "done").sort(byUrgency);
  const pending = data.milestones.filter((m) => !m.doneAt).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number);
  const risks = [...data.openRisks].sort(byScore);
  return {
    completed,
    open,
    overdue: open.filter((t) => isOverdue(t, today)).length,
    doneMilestones: data.milestones.filter((m) => inWeek(m.doneAt, week)),
    nextMilestone: pending.find((m) => m.dueDate >= today),
    slipped: pending.filter((m) => m.dueDate < today),
    topRisks: risks.slice(0, TOP_RISKS),
    critical: risks.filter((r) => riskSeverity(riskScore(r.probability, r.impact)) === "critical").length,
    decidedChanges: data.changes
      .filter((c) => c.status !== "open" && inWeek(c.decidedAt, week))
      .sort((a, b) => a.decidedAt!.getTime() - b.decidedAt!.getTime() || a.number - b.number),
    openChanges: data.changes
      .filter((c) => c.status === "open")
      .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.number - b.number),
  };
}

export function tasksSection(sel: DigestSelection, members: Map<string, Member>, today: string): Block[] {
  const name = (t: Task) => (t.assigneeId ? members.get(t.assigneeId) : null);
  const done = sel.completed.map((t) => `${ref(t.number)} ${t.title} — ${t.assigneeId ? at(name(t)) : "unassigned"}`);
  const open = sel.open.map((t) => `${isOverdue(t, today) ? "⚠ " : ""}${taskLine(t, name(t), today)}`);
  return [
    heading(`Completed this week (${sel.completed.length})`),
    done.length ? list(capped(done)) : text("No tasks were completed this week."),
    heading(`Open tasks (${sel.open.length}${sel.overdue ? `, ${sel.overdue} overdue` : ""})`),
    open.length ? list(capped(open)) : text("No open tasks."),
  ];
}

export function milestonesSection(sel: DigestSelection, data: DigestData, today: string): Block[] {
  if (data.milestones.length === 0) return [heading("Milestones"), text("No milestones yet.")];
  const line = (m: Milestone) => `${ref(m.number)} ${m.name} — ${formatDate(m.dueDate)} (${milestoneStatus(m, today)})`;
  const items = [
    ...sel.doneMilestones.map((m) => `Done this week: ${line(m)}`),
    ...sel.slipped.map((m) => `Slipped: ${line(m)}`),
    sel.nextMilestone ? `Next: ${line(sel.nextMilestone)}` : "Next: none scheduled",
  ];
  return [heading("Milestones"), list(capped(items))];
}

export function budgetSection(project: Project, data: DigestData, today: string): Block[] {
  const { budget, totals } = data;
  const cur = budget.currency;
  const status = projectBudgetStatus(project, budget, totals, today);
  const thisWeek = data.weekCosts.reduce((sum, c) => sum + c.amount, 0n);
  const items: [string, string][] = [
    ["Spent", money(status.spent, cur)],
    ["Spent this week", money(thisWeek, cur)],
  ];
  if (status.total !== null) {
    items.unshift(...planFields(status, cur));
    items.push(
      ["Remaining", money(status.remaining!, cur)],
      ["Variance", varianceText(status, cur)!],
      ["Used", `${status.percentUsed}% of ${money(status.total, cur)}`],
    );
  } else {
    items.push(["Budget", "not set"]);
  }
  items.push(["Burn rate", status.burnPerWeek === null ? "not enough history yet" : `${money(status.burnPerWeek, cur)} a week`]);
  if (status.forecastAtCompletion === null) {
    items.push(["Forecast at completion", "needs start and end dates"]);
  } else {
    const variance = status.forecastVariance;
    const off = variance === null ? "" : variance >= 0n ? ` (under by ${money(variance, cur)})` : ` (⚠ over by ${money(-variance, cur)})`;
    items.push(["Forecast at completion", `${money(status.forecastAtCompletion, cur)}${off}`]);
  }
  const blocks: Block[] = [heading("Budget"), fields(items)];
  const note = standingNote(status, cur);
  if (note) blocks.push(text(note));
  // Earned value from the tasks, plan and totals already loaded: no extra query.
  const ev = projectEarnedValue(project, data.tasks, budget, totals, today);
  if (ev.figures) {
    blocks.push(text(`*Earned value:* ${ev.reading}`));
    const key = keyFigures(ev.figures, cur);
    if (key) blocks.push(contextLine(`${key} — \`report evm\` for every figure`));
  }
  blocks.push(...categoryTable(status, cur));
  return blocks;
}

const decidingKind = (change: ChangeRequest) => (change.status === "approved" ? "approve" : "reject");

/** Who took the deciding kind of decision (approvers for an approval, the rejecter for a rejection). */
function deciders(change: ChangeRequest, members: ReadonlyMap<string, Member>): string {
  const ids = [...new Set(change.decisions.filter((d) => d.decision === decidingKind(change)).map((d) => d.memberId))];
  return ids.length ? ids.map((id) => at(members.get(id))).join(", ") : "—";
}

/** Change requests decided this week (who and what impact) and still open (how long they have waited). */
export function changesSection(sel: DigestSelection, project: Project, week: Week, members: ReadonlyMap<string, Member>): Block[] {
  const decided = sel.decidedChanges.map((c) => {
    const verdict = c.status === "approved" ? "approved" : "rejected";
    const when = formatDate(dayOf(c.decidedAt!, week.zone));
    const impact = changeImpact(c, project.currency);
    return `${ref(c.number)} ${c.title} — ${verdict} by ${deciders(c, members)} on ${when}: ${c.status === "approved" ? impact : `not applied (${impact})`}`;
  });
  const open = sel.openChanges.map((c) => {
    const age = Math.max(0, daysBetween(dayOf(c.requestedAt, week.zone), week.to));
    const waited = age === 0 ? "requested today" : `open ${age} ${age === 1 ? "day" : "days"}`;
    const approvedBy = [...new Set(c.decisions.filter((d) => d.decision === "approve").map((d) => d.memberId))];
    const sofar = approvedBy.length ? `; approved so far by ${approvedBy.map((id) => at(members.get(id))).join(", ")}` : "";
    return `${ref(c.number)} ${c.title} — ${waited}, requested by ${at(members.get(c.requestedById))}: ${changeImpact(c, project.currency)}${sofar}`;
  });
  const title = heading(`Changes (${open.length} open, ${decided.length} decided this week)`);
  if (!decided.length && !open.length) return [title, text("No change requests open or decided this week.")];
  const blocks: Block[] = [title];
  if (decided.length) blocks.push(text("*Decided this week*"), list(capped(decided)));
  if (open.length) blocks.push(text("*Still open*"), list(capped(open)));
  return blocks;
}

/** Whoever the changes section names, for the capped lists only. */
export function changesMemberIds(sel: DigestSelection, cap: number): string[] {
  return [
    ...sel.decidedChanges.slice(0, cap).flatMap((c) => c.decisions.filter((d) => d.decision === decidingKind(c)).map((d) => d.memberId)),
    ...sel.openChanges
      .slice(0, cap)
      .flatMap((c) => [c.requestedById, ...c.decisions.filter((d) => d.decision === "approve").map((d) => d.memberId)]),
  ];
}

export function risksSection(sel: DigestSelection, data: DigestData, members: Map<string, Member>): Block[] {
  if (data.openRisks.length === 0) return [heading("Top risks"), text("No open risks.")];
  const lines = sel.topRisks.map((r) => {
    const owner = r.ownerId ? `owner ${at(members.get(r.ownerId))}` : "no owner";
    return `${ref(r.number)} ${r.title} — ${scoreText(r)}; ${owner}; ${r.mitigation ? `mitigation: ${r.mitigation}` : "no mitigation yet"}`;
  });
  const more = data.openRisks.length - sel.topRisks.length;
  if (more > 0) lines.push(`…and ${more} more open ${more === 1 ? "risk" : "risks"} (\`risk list\`)`);
  return [heading(`Top risks (${data.openRisks.length} open, ${sel.critical} critical)`), list(lines)];
}

/** Each KPI's latest reading, on or off track with its trend arrow, and its deadline once it is near or past. */
export function kpisSection(data: DigestData, today: string): Block[] {
  if (data.kpis.length === 0) return [heading("KPIs"), text("No KPIs yet.")];
  let on = 0;
  let off = 0;
  const lines = data.kpis.map((k) => {
    const [latest, previous] = k.readings;
    if (!latest) {
      const due = deadlineNote(k, today, null);
      return `${k.name}: no readings yet (target ${targetText(k)})${due ? ` — ${due}` : ""}`;
    }
    const good = onTrack(k, latest.value);
    if (good) on++;
    else off++;
    const moved = trend(k, latest.value, previous?.value);
    const due = deadlineNote(k, today, good);
    const status = `${good ? "on track" : "⚠ off track"}${moved ? `, ${moved.arrow} ${moved.word}` : ""}${due ? `; ${due}` : ""}`;
    return `${k.name}: ${formatValue(latest.value, k.unit)} (target ${targetText(k)}) — ${status}`;
  });
  return [heading(`KPIs (${on} on track, ${off} off track)`), list(capped(lines))];
}

/**
 * Check-ins asked and answered over the week, per standup. A person counts
 * as asked on each standup day from the schedule's start on, unless away;
 * the report's last day counts once anyone has answered it, so a digest
 * rendered before that day's standup does not count it as missed.
 */
export function standupSection(data: DigestData, week: Week, members: ReadonlyMap<string, Member>): Block[] {
  if (data.standups.length === 0) return [heading("Standups"), contextLine("No standup is set up. `standup setup` schedules one.")];
  const lines: string[] = [];
  const blocked = new Map<string, { days: number; latest: string }>();
  for (const schedule of data.standups) {
    const answers = data.standupAnswers.filter((a) => a.scheduleId === schedule.id);
    const answered = new Set(answers.map((a) => `${a.slot}/${a.memberId}`));
    const rule = {
      days: schedule.days,
      time: schedule.time,
      timeZone: schedule.timeZone,
      holidays: schedule.holidays,
      skipUntil: schedule.skipUntil,
    };
    const dates = weekDates(week).filter((date) => {
      const o = occurrenceOn(rule, date);
      return o && !beforeStart(schedule, o.at) && (date < week.to || answers.some((a) => a.slot === date));
    });
    const asked = dates.flatMap((date) => schedule.participants.filter((id) => !isAway(schedule, id, date)).map((id) => `${date}/${id}`));
    const given = asked.filter((key) => answered.has(key)).length;
    const where = data.standups.length > 1 ? `#${schedule.channelId}: ` : "";
    lines.push(
      asked.length
        ? `${where}${Math.round((100 * given) / asked.length)} % participation — ${given} of ${asked.length} check-ins over ${dates.length} ${dates.length === 1 ? "day" : "days"}`
        : `${where}no check-ins were due this week`,
    );
    for (const a of answers) {
      if (!a.blockers) continue;
      const b = blocked.get(a.memberId) ?? { days: 0, latest: "" };
      blocked.set(a.memberId, { days: b.days + 1, latest: a.blockers });
    }
  }
  const blocks: Block[] = [heading("Standups"), list(lines)];
  if (blocked.size) {
    const items = [...blocked]
      .sort((a, b) => b[1].days - a[1].days)
      .map(([id, b]) => `${at(members.get(id))} blocked on ${b.days} ${b.days === 1 ? "day" : "days"} — latest: ${b.latest}`);
    blocks.push(text("*Blockers reported this week*"), list(capped(items)));
  }
  return blocks;
}

/** Whoever the standup section names: people who reported blockers. */
export const standupMemberIds = (data: DigestData): string[] => data.standupAnswers.filter((a) => a.blockers).map((a) => a.memberId);

/** Every calendar day of the report, oldest first. */
function weekDates(week: Week): string[] {
  const out: string[] = [];
  for (let day = DateTime.fromISO(week.from, { zone: "utc" }); day.toISODate()! <= week.to; day = day.plus({ days: 1 }))
    out.push(day.toISODate()!);
  return out;
}

/** Assignees of the tasks the lists will show (the capped ones), to name them in one query. */
export function tasksMemberIds(sel: DigestSelection, cap: number): (string | null)[] {
  return [...sel.completed.slice(0, cap), ...sel.open.slice(0, cap)].map((t) => t.assigneeId);
}
