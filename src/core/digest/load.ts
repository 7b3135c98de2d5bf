/**
 * Everything the weekly digest shows, fetched with a fixed number of queries
 * whatever the project's size: one list per table, cost totals aggregated in
 * the database, and every name in one members.getMany. Nothing is queried per
 * task, risk or KPI (DESIGN.md section 6: no N+1).
 */
import type { TenantId } from "../context.js";
import type {
  Budget,
  ChangeRequest,
  CostEntry,
  CostTotals,
  DatedStandupAnswer,
  KpiWithReadings,
  Member,
  Milestone,
  Project,
  Risk,
  StandupSchedule,
  Store,
  Task,
} from "../store.js";

/** The part of a Context the digest needs, so the scheduler can render it without a chat user. */
export interface DigestSource {
  store: Store;
  tenant: TenantId;
}

export interface DigestData {
  tasks: Task[];
  totals: CostTotals;
  /** Costs incurred within the week (the rest stay in the database, summed by totals). */
  weekCosts: CostEntry[];
  budget: Budget;
  openRisks: Risk[];
  milestones: Milestone[];
  /** With the latest two readings each: the latest value and its trend. */
  kpis: KpiWithReadings[];
  /** The project's active standups and every answer given to them in the week. */
  standups: StandupSchedule[];
  standupAnswers: DatedStandupAnswer[];
  /** Every change request of the project, oldest first (the section picks the open ones and the week's decisions). */
  changes: ChangeRequest[];
}

export async function loadDigestData(source: DigestSource, project: Project, week: { from: string; to: string }): Promise<DigestData> {
  const { store, tenant } = source;
  const [tasks, totals, weekCosts, budget, openRisks, milestones, kpis, standups, standupAnswers, changes] = await Promise.all([
    store.tasks.list(tenant, project.id),
    store.costs.totals(tenant, project.id),
    store.costs.list(tenant, project.id, week),
    store.budgets.get(tenant, project.id),
    store.risks.list(tenant, project.id, { status: "open" }),
    store.milestones.list(tenant, project.id),
    store.kpis.list(tenant, project.id, 2),
    store.standups.list(tenant, project.id),
    store.standups.answersBetween(tenant, project.id, week),
    store.changes.list(tenant, project.id),
  ]);
  return { tasks, totals, weekCosts, budget, openRisks, milestones, kpis, standups, standupAnswers, changes };
}

/** The members behind the given ids in one query (none when there is nobody to name). */
export async function loadMembers(source: DigestSource, ids: (string | null | undefined)[]): Promise<Map<string, Member>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const members = unique.length ? await source.store.members.getMany(source.tenant, unique) : [];
  return new Map(members.map((m) => [m.id, m]));
}
