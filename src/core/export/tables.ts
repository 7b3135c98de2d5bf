/**
 * What a project export holds: one table per entity (tasks, costs, risks,
 * KPIs), each with its columns in a fixed order. The column lists here are
 * the contract of the CSV and JSON files: add new columns at the end, never
 * rename or reorder one (importers and spreadsheets depend on them).
 *
 * Values: calendar dates are ISO "YYYY-MM-DD", instants ISO 8601 in UTC,
 * money a decimal string in major units ("1234.50") with the currency in its
 * own column, people by display name (costs also by platform user id, which
 * `charter import costs` reads back).
 */
import type { TenantId } from "../context.js";
import { currencyDigits, minorToDecimal } from "../domain/money.js";
import { riskScore, riskSeverity } from "../domain/risk.js";
import { onTrack } from "../messages/kpi.js";
import type { CostEntry, KpiWithReadings, Member, Project, Risk, Store, Task } from "../store.js";

export type Cell = string | number | boolean | null;

export const ENTITIES = ["tasks", "costs", "risks", "kpis"] as const;
export type Entity = (typeof ENTITIES)[number];

interface Lookups {
  member(id: string | null): Member | undefined;
  taskNumber(id: string | null): number | null;
}

interface Column<R> {
  name: string;
  /** Free text a person typed (titles, notes, names): guarded against spreadsheet formulas in CSV. */
  text?: boolean;
  value(row: R, look: Lookups): Cell;
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);
const name = (m: Member | undefined): string | null => m?.name ?? null;

/** "1234.50": exact, in major units of the cost's currency. */
export const amountText = (minor: bigint, currency: string): string => minorToDecimal(minor, currencyDigits(currency));

const TASK_COLUMNS: readonly Column<Task>[] = [
  { name: "number", value: (t) => t.number },
  { name: "title", text: true, value: (t) => t.title },
  { name: "status", value: (t) => t.status },
  { name: "assignee", text: true, value: (t, look) => name(look.member(t.assigneeId)) },
  { name: "due_date", value: (t) => t.dueDate },
  { name: "estimate_hours", value: (t) => t.estimateHours },
  { name: "parent", value: (t, look) => look.taskNumber(t.parentId) },
  { name: "created_at", value: (t) => iso(t.createdAt) },
  { name: "completed_at", value: (t) => iso(t.completedAt) },
];

/** What `charter import costs` reads back; see cost-import.ts. */
const COST_COLUMN_LIST: readonly Column<CostEntry>[] = [
  { name: "id", value: (c) => c.id },
  { name: "date", value: (c) => c.incurredOn },
  { name: "amount", value: (c) => amountText(c.amount, c.currency) },
  { name: "currency", value: (c) => c.currency },
  { name: "category", value: (c) => c.category },
  { name: "description", text: true, value: (c) => c.note },
  { name: "logged_by", text: true, value: (c, look) => name(look.member(c.createdById)) },
  { name: "logged_by_id", text: true, value: (c, look) => look.member(c.createdById)?.platformUserId ?? null },
  { name: "logged_at", value: (c) => iso(c.createdAt) },
];

const RISK_COLUMNS: readonly Column<Risk>[] = [
  { name: "number", value: (r) => r.number },
  { name: "title", text: true, value: (r) => r.title },
  { name: "probability", value: (r) => r.probability },
  { name: "impact", value: (r) => r.impact },
  { name: "score", value: (r) => riskScore(r.probability, r.impact) },
  { name: "severity", value: (r) => riskSeverity(riskScore(r.probability, r.impact)) },
  { name: "status", value: (r) => r.status },
  { name: "owner", text: true, value: (r, look) => name(look.member(r.ownerId)) },
  { name: "mitigation", text: true, value: (r) => r.mitigation },
  { name: "review_date", value: (r) => r.reviewDate },
  { name: "created_at", value: (r) => iso(r.createdAt) },
  { name: "closed_at", value: (r) => iso(r.closedAt) },
];

const KPI_COLUMNS: readonly Column<KpiWithReadings>[] = [
  { name: "name", text: true, value: (k) => k.name },
  { name: "description", text: true, value: (k) => k.description },
  { name: "measure", text: true, value: (k) => k.measure },
  { name: "target", value: (k) => k.target },
  { name: "unit", text: true, value: (k) => k.unit },
  { name: "direction", value: (k) => k.direction },
  { name: "deadline", value: (k) => k.deadline },
  { name: "owner", text: true, value: (k, look) => name(look.member(k.ownerId)) },
  { name: "latest_value", value: (k) => k.readings[0]?.value ?? null },
  { name: "latest_recorded_at", value: (k) => iso(k.readings[0]?.recordedAt ?? null) },
  { name: "on_track", value: (k) => (k.readings[0] ? onTrack(k, k.readings[0].value) : null) },
];

const names = (columns: readonly Column<never>[]): readonly string[] => columns.map((c) => c.name);

/** The header of each file, in order. */
export const COLUMNS: Readonly<Record<Entity, readonly string[]>> = {
  tasks: names(TASK_COLUMNS),
  costs: names(COST_COLUMN_LIST),
  risks: names(RISK_COLUMNS),
  kpis: names(KPI_COLUMNS),
};

export const COST_COLUMNS = COLUMNS.costs;

export interface Table {
  entity: Entity;
  columns: readonly string[];
  /** Per column: free text typed by a person. */
  text: readonly boolean[];
  rows: Cell[][];
}

function table<R>(entity: Entity, columns: readonly Column<R>[], records: readonly R[], look: Lookups): Table {
  return {
    entity,
    columns: columns.map((c) => c.name),
    text: columns.map((c) => c.text === true),
    rows: records.map((r) => columns.map((c) => c.value(r, look))),
  };
}

/**
 * Every table of a project, read in a fixed number of queries whatever its
 * size. Rows: tasks and risks by number, costs oldest first (date, then when
 * logged), KPIs by name.
 */
export async function exportTables(store: Store, tenant: TenantId, project: Pick<Project, "id">): Promise<Table[]> {
  const [tasks, newestCosts, risks, kpis] = await Promise.all([
    store.tasks.list(tenant, project.id),
    store.costs.list(tenant, project.id),
    store.risks.list(tenant, project.id),
    store.kpis.list(tenant, project.id, 1),
  ]);
  const costs = [...newestCosts].reverse();
  const memberIds = [
    ...tasks.map((t) => t.assigneeId),
    ...costs.map((c) => c.createdById),
    ...risks.map((r) => r.ownerId),
    ...kpis.map((k) => k.ownerId),
  ].filter((id): id is string => id !== null);
  const members = new Map((await store.members.getMany(tenant, [...new Set(memberIds)])).map((m) => [m.id, m]));
  const numbers = new Map(tasks.map((t) => [t.id, t.number]));
  const look: Lookups = {
    member: (id) => (id === null ? undefined : members.get(id)),
    taskNumber: (id) => (id === null ? null : (numbers.get(id) ?? null)),
  };
  return [
    table("tasks", TASK_COLUMNS, tasks, look),
    table("costs", COST_COLUMN_LIST, costs, look),
    table("risks", RISK_COLUMNS, risks, look),
    table("kpis", KPI_COLUMNS, kpis, look),
  ];
}
