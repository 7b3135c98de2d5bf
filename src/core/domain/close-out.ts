/**
 * When a project can be closed or reopened, and the final report of a closed
 * project, computed from its records. Pure: the figures are a JSON-safe
 * snapshot (money as minor-unit strings) stored with the close-out, so the
 * report reads the same later whatever changes after.
 *
 * - Goals vs outcome: the charter's objectives beside tasks done of all tasks
 *   and milestones hit (done on or before their date, in the closer's zone)
 *   or missed (done late, or not done at close).
 * - Schedule variance: close date minus the planned end (the end date after
 *   approved changes); positive = late. The baseline end is the planned end
 *   minus the days approved change requests added.
 * - Budget variance: current plan (baseline + approved changes) minus spent;
 *   positive = under budget.
 * - Risks that materialised: a risk whose probability was raised to 5
 *   ("it is happening"), open or closed, and any risk still open with a
 *   critical score (15+) at close: the project ends carrying it.
 * - KPI results: the latest reading against the target (on or off track);
 *   a KPI without readings has no result.
 * - Team participation: with standup answers over the project, the standup
 *   days each person answered out of the days anyone answered; without
 *   them, each person's tasks done out of the tasks assigned to them.
 */
import { DateTime } from "luxon";
import type { Budget, Kpi, Milestone, Project, Risk, Task } from "../records/index.js";
import { addDays, daysBetween } from "./dates.js";
import { percent, sumMoney } from "./money.js";
import { riskScore, riskSeverity } from "./risk.js";

export interface FinalReportInput {
  project: Pick<Project, "currency" | "endDate">;
  /** The close date, local to whoever closes. */
  closedOn: string;
  zone: string;
  objectives: string[];
  charterVersion: number | null;
  tasks: readonly Pick<Task, "status" | "assigneeId">[];
  milestones: readonly Pick<Milestone, "number" | "name" | "dueDate" | "doneAt">[];
  budget: Pick<Budget, "total" | "baseline" | "changes">;
  spent: bigint;
  /** Sum of the schedule days of approved change requests. */
  approvedScheduleDays: number;
  risks: readonly Pick<Risk, "number" | "title" | "probability" | "impact" | "status">[];
  kpis: readonly (Pick<Kpi, "name" | "target" | "unit" | "direction"> & { latest: number | null })[];
  /** Standup answers over the project's life: who answered which day. */
  standupAnswers: readonly { memberId: string; slot: string }[];
}

export interface ReportMilestone {
  number: number;
  name: string;
  dueDate: string;
  doneOn: string | null;
  hit: boolean;
}

export interface MaterialisedRisk {
  number: number;
  title: string;
  score: number;
  status: Risk["status"];
  /** "happened": probability raised to 5; "open-critical": still open and critical at close. */
  why: "happened" | "open-critical";
}

export interface FinalReport {
  closedOn: string;
  goals: { charterVersion: number | null; objectives: string[] };
  outcome: { tasksDone: number; tasksTotal: number; milestonesHit: number; milestonesMissed: number; milestones: ReportMilestone[] };
  schedule: { baselineEnd: string | null; plannedEnd: string | null; actualEnd: string; varianceDays: number | null };
  budget: {
    currency: string;
    baseline: string | null;
    approvedChanges: string;
    plan: string | null;
    spent: string;
    /** plan - spent; positive = under budget. */
    variance: string | null;
    variancePct: number | null;
  };
  risks: { materialised: MaterialisedRisk[]; total: number; openAtClose: number };
  kpis: {
    name: string;
    target: number;
    unit: string | null;
    direction: Kpi["direction"];
    latest: number | null;
    onTrack: boolean | null;
  }[];
  participation: { basis: "standups" | "tasks"; days: number; people: { memberId: string; done: number; of: number }[] };
}

/** Why the project cannot be closed now (it is closed already), or null. */
export function closeRefusal(project: Pick<Project, "name" | "status">): string | null {
  return project.status === "closed" ? `${project.name} is closed already.` : null;
}

/** Why the project cannot be reopened (it is not closed), or null. */
export function reopenRefusal(project: Pick<Project, "name" | "status">): string | null {
  return project.status === "closed" ? null : `${project.name} is not closed: there is nothing to reopen.`;
}

const localDate = (at: Date, zone: string): string => DateTime.fromJSDate(at).setZone(zone).toISODate()!;

type Share = { memberId: string; done: number; of: number };
/** Highest share first, then most done. */
const byShare = (a: Share, b: Share): number => b.done * a.of - a.done * b.of || b.done - a.done || a.memberId.localeCompare(b.memberId);

function participation(input: FinalReportInput): FinalReport["participation"] {
  if (input.standupAnswers.length) {
    const days = new Set(input.standupAnswers.map((a) => a.slot));
    const byMember = new Map<string, Set<string>>();
    for (const a of input.standupAnswers) byMember.set(a.memberId, (byMember.get(a.memberId) ?? new Set()).add(a.slot));
    const people = [...byMember].map(([memberId, slots]) => ({ memberId, done: slots.size, of: days.size }));
    return { basis: "standups", days: days.size, people: people.sort(byShare) };
  }
  const byMember = new Map<string, { done: number; of: number }>();
  for (const t of input.tasks) {
    if (!t.assigneeId) continue;
    const p = byMember.get(t.assigneeId) ?? { done: 0, of: 0 };
    byMember.set(t.assigneeId, { done: p.done + (t.status === "done" ? 1 : 0), of: p.of + 1 });
  }
  const people = [...byMember].map(([memberId, p]) => ({ memberId, ...p }));
  return { basis: "tasks", days: 0, people: people.sort(byShare) };
}

export function finalReport(input: FinalReportInput): FinalReport {
  const milestones = [...input.milestones]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number)
    .map((m): ReportMilestone => {
      const doneOn = m.doneAt ? localDate(m.doneAt, input.zone) : null;
      return { number: m.number, name: m.name, dueDate: m.dueDate, doneOn, hit: doneOn !== null && doneOn <= m.dueDate };
    });
  const hit = milestones.filter((m) => m.hit).length;

  const plannedEnd = input.project.endDate;
  const approvedChanges = sumMoney(input.budget.changes.map((c) => c.amount));
  const plan = input.budget.total;
  const variance = plan === null ? null : plan - input.spent;

  const materialised = input.risks.flatMap((r): MaterialisedRisk[] => {
    const score = riskScore(r.probability, r.impact);
    const base = { number: r.number, title: r.title, score, status: r.status };
    if (r.probability >= 5) return [{ ...base, why: "happened" }];
    if (r.status === "open" && riskSeverity(score) === "critical") return [{ ...base, why: "open-critical" }];
    return [];
  });

  return {
    closedOn: input.closedOn,
    goals: { charterVersion: input.charterVersion, objectives: [...input.objectives] },
    outcome: {
      tasksDone: input.tasks.filter((t) => t.status === "done").length,
      tasksTotal: input.tasks.length,
      milestonesHit: hit,
      milestonesMissed: milestones.length - hit,
      milestones,
    },
    schedule: {
      baselineEnd: plannedEnd === null ? null : addDays(plannedEnd, -input.approvedScheduleDays),
      plannedEnd,
      actualEnd: input.closedOn,
      varianceDays: plannedEnd === null ? null : daysBetween(plannedEnd, input.closedOn),
    },
    budget: {
      currency: input.project.currency,
      baseline: input.budget.baseline === null ? null : String(input.budget.baseline),
      approvedChanges: String(approvedChanges),
      plan: plan === null ? null : String(plan),
      spent: String(input.spent),
      variance: variance === null ? null : String(variance),
      variancePct: variance === null || plan === null || plan === 0n ? null : percent(variance, plan),
    },
    risks: { materialised, total: input.risks.length, openAtClose: input.risks.filter((r) => r.status === "open").length },
    kpis: input.kpis.map((k) => ({
      name: k.name,
      target: k.target,
      unit: k.unit,
      direction: k.direction,
      latest: k.latest,
      onTrack: k.latest === null ? null : k.direction === "higher" ? k.latest >= k.target : k.latest <= k.target,
    })),
    participation: participation(input),
  };
}
