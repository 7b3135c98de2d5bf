/**
 * Everything one project's dashboard shows, from one round of store reads
 * (the chart data load plus milestones, members and the audit log), turned
 * into figures by the core's domain functions.
 */
import type { DateTime } from "luxon";
import {
  drawChart,
  loadChartData,
  type DrawnChart,
  projectBudgetStatus,
  type BudgetStatus,
  todayIn,
  riskMatrix,
  riskScore,
  riskSeverity,
  type RiskSeverity,
  onTrack,
  type AuditEvent,
  type KpiWithReadings,
  type Milestone,
  type Project,
  type Risk,
  type Store,
  type TaskStatus,
} from "../../core/index.js";

export interface DashboardData {
  project: Project;
  today: string;
  budget: BudgetStatus;
  burn: DrawnChart | { empty: string };
  matrix: number[][];
  topRisks: (Risk & { score: number; severity: RiskSeverity; owner: string | null })[];
  milestones: (Milestone & { state: "done" | "overdue" | "upcoming" })[];
  tasksByOwner: { owner: string; counts: Record<TaskStatus, number> }[];
  taskTotals: Record<TaskStatus, number>;
  overdueTasks: number;
  kpis: (KpiWithReadings & { latest: number | null; good: boolean | null })[];
  activity: (AuditEvent & { actor: string; detail: string | null })[];
}

export async function loadDashboard(store: Store, tenant: string, project: Project, now: DateTime, zone: string): Promise<DashboardData> {
  const today = todayIn(zone, now);
  const data = await loadChartData({ store, tenant }, project);
  const [milestones, activity] = await Promise.all([
    store.milestones.list(tenant, project.id),
    store.audit.list(tenant, { projectId: project.id, limit: 15 }),
  ]);
  const memberIds = new Set<string>([
    ...data.tasks.map((t) => t.assigneeId).filter((id): id is string => Boolean(id)),
    ...data.openRisks.map((r) => r.ownerId).filter((id): id is string => Boolean(id)),
    ...activity.map((a) => a.actorId),
  ]);
  const members = new Map((await store.members.getMany(tenant, [...memberIds])).map((m) => [m.id, m.name]));

  const budget = projectBudgetStatus(project, data.budget, data.totals, today);
  const drawn = await drawChart("burn", project, data, { today, zone });
  const burn = "empty" in drawn ? { empty: drawn.empty } : drawn;

  const byOwner = new Map<string, Record<TaskStatus, number>>();
  const taskTotals: Record<TaskStatus, number> = { todo: 0, in_progress: 0, done: 0 };
  for (const task of data.tasks) {
    const owner = task.assigneeId ? (members.get(task.assigneeId) ?? "Someone") : "Unassigned";
    const counts = byOwner.get(owner) ?? { todo: 0, in_progress: 0, done: 0 };
    counts[task.status] += 1;
    taskTotals[task.status] += 1;
    byOwner.set(owner, counts);
  }

  const topRisks = data.openRisks
    .map((r) => {
      const score = riskScore(r.probability, r.impact);
      return { ...r, score, severity: riskSeverity(score), owner: r.ownerId ? (members.get(r.ownerId) ?? null) : null };
    })
    .sort((a, b) => b.score - a.score || a.number - b.number)
    .slice(0, 5);

  return {
    project,
    today,
    budget,
    burn,
    matrix: riskMatrix(data.openRisks),
    topRisks,
    milestones: [...milestones]
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number)
      .map((m) => ({ ...m, state: m.doneAt ? "done" : m.dueDate < today ? "overdue" : "upcoming" })),
    tasksByOwner: [...byOwner].map(([owner, counts]) => ({ owner, counts })).sort((a, b) => a.owner.localeCompare(b.owner)),
    taskTotals,
    overdueTasks: data.tasks.filter((t) => t.status !== "done" && t.dueDate !== null && t.dueDate < today).length,
    kpis: data.kpis.map((k) => {
      const latest = k.readings[0]?.value ?? null;
      return { ...k, latest, good: latest === null ? null : onTrack(k, latest) };
    }),
    activity: activity.map((a) => ({ ...a, actor: members.get(a.actorId) ?? "someone", detail: detailOf(a.after) ?? detailOf(a.before) })),
  };
}

/** A readable name for what an audit event touched: its title, name or note. */
function detailOf(value: unknown): string | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  for (const key of ["title", "name", "note"]) if (typeof v[key] === "string" && v[key]) return v[key] as string;
  return null;
}
