/**
 * The plain records the store hands the core: no Prisma types. Calendar dates
 * are ISO strings "YYYY-MM-DD", instants are Date, money is integer minor
 * units (bigint) of the record's currency.
 */
import type { TenantId } from "../tenancy.js";

export interface Scope {
  tenantId: TenantId;
  /** Member.id of whoever makes the change (written to the audit log). */
  actorId: string;
}

export type { Platform } from "../tenancy.js";
export type MemberRole = "admin" | "manager" | "member";

export interface Member {
  id: string;
  tenantId: TenantId;
  /** Platform user id (Slack U123, Teams AAD object id, shell user name). */
  platformUserId: string;
  name: string;
  timeZone: string | null;
  role: MemberRole;
  /** Local "HH:mm-HH:mm" when the bot holds direct messages to this person; "" = never. */
  quietHours: string;
}

export const COST_CATEGORIES = ["labour", "equipment", "software", "travel", "consultants", "other"] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export type ProjectStatus = "active" | "closed";
export type ChangePolicy = "any" | "all";

export interface Project {
  id: string;
  tenantId: TenantId;
  name: string;
  currency: string;
  /** Budget total in minor units; null until a budget is set. */
  budgetTotal: bigint | null;
  contingencyPct: number;
  startDate: string | null;
  endDate: string | null;
  status: ProjectStatus;
  managerId: string;
  /** Where immediate alerts go; null = the project's linked channels. */
  alertChannelId: string | null;
  /** Who settles a change request: the first approver (any) or every approver (all). */
  changePolicy: ChangePolicy;
  createdAt: Date;
}

export interface NewProject {
  name: string;
  currency: string;
  budgetTotal?: bigint | null;
  startDate?: string | null;
  endDate?: string | null;
  /** Link this channel to the new project in the same transaction. */
  linkChannelId?: string | null;
}

export type TaskStatus = "todo" | "in_progress" | "done";

export interface Task {
  id: string;
  projectId: string;
  /** Per-project number shown as #n. */
  number: number;
  title: string;
  status: TaskStatus;
  assigneeId: string | null;
  dueDate: string | null;
  /** Estimate in hours. */
  estimateHours: number | null;
  parentId: string | null;
  /** Who added it; null (or absent) for tasks from before this was recorded. */
  createdById?: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export interface NewTask {
  title: string;
  assigneeId?: string | null;
  dueDate?: string | null;
  estimateHours?: number | null;
  parentId?: string | null;
}

export type TaskPatch = Partial<Pick<Task, "status" | "assigneeId" | "dueDate" | "title" | "estimateHours">>;

export interface TaskFilter {
  status?: TaskStatus[];
  assigneeId?: string;
  /** Only tasks due strictly before this date (and not done). */
  dueBefore?: string;
}

export interface CostEntry {
  id: string;
  projectId: string;
  /** Per-project number shown as #n (absent on records built outside the store). */
  number?: number;
  amount: bigint;
  currency: string;
  category: CostCategory;
  note: string | null;
  incurredOn: string;
  createdById: string;
  createdAt: Date;
}

/** What `cost edit` may change. */
export type CostPatch = Partial<Pick<CostEntry, "amount" | "category" | "note" | "incurredOn">>;

export interface NewCost {
  amount: bigint;
  currency: string;
  category: CostCategory;
  note?: string | null;
  incurredOn: string;
}

/** A cost from a file (`charter import costs`): a NewCost that may say where it came from. */
export interface ImportedCost extends NewCost {
  /**
   * The id it was exported with. When the project already has a cost with
   * this id the row is not added again, so re-importing a project's own
   * export adds nothing twice. A new cost always gets a new id.
   */
  id?: string | null;
  /** Who logged it, by platform user id (found, or created, in the tenant); the acting member when absent. */
  loggedBy?: { platformUserId: string; name?: string | null } | null;
  /** When it was logged; now when absent. */
  loggedAt?: Date | null;
}

export interface CostTotals {
  total: bigint;
  count: number;
  byCategory: Partial<Record<CostCategory, bigint>>;
  firstOn: string | null;
  lastOn: string | null;
}

export interface BudgetLine {
  category: CostCategory;
  amount: bigint;
}

/** Money an approved change request added to the budget (a line with source `change:<id>`). */
export interface ApprovedBudgetChange {
  changeId: string;
  /** The request's number in its project; null if the request is gone. */
  number: number | null;
  category: CostCategory;
  amount: bigint;
}

/**
 * A project's budget: the baseline set with `budget set`, plus the approved
 * change requests on top of it, which together make the current plan.
 */
export interface Budget {
  /** The current plan: baseline plus approved changes; null until a budget is set. */
  total: bigint | null;
  /** What `budget set` recorded: total minus approved changes; null until a budget is set. */
  baseline: bigint | null;
  currency: string;
  contingencyPct: number;
  /** The baseline's plan per category. */
  lines: BudgetLine[];
  /** Approved changes, by request number. */
  changes: ApprovedBudgetChange[];
}

export interface BudgetChange {
  /** The new baseline: approved changes stay on top of it, so the current plan is this plus their sum. */
  total?: bigint;
  /** Only accepted while the project has no costs (amounts are never converted). */
  currency?: string;
  contingencyPct?: number;
  /** Lines to set (replaces the amount of each named category). */
  lines?: BudgetLine[];
}

export type RiskStatus = "open" | "closed";

export interface Risk {
  id: string;
  projectId: string;
  number: number;
  title: string;
  probability: number;
  impact: number;
  ownerId: string | null;
  mitigation: string | null;
  reviewDate: string | null;
  status: RiskStatus;
  createdAt: Date;
  closedAt: Date | null;
}

export interface NewRisk {
  title: string;
  probability: number;
  impact: number;
  ownerId?: string | null;
  mitigation?: string | null;
  reviewDate?: string | null;
}

export type RiskPatch = Partial<Pick<Risk, "probability" | "impact" | "ownerId" | "mitigation" | "reviewDate" | "status" | "title">>;

export interface Milestone {
  id: string;
  projectId: string;
  number: number;
  name: string;
  dueDate: string;
  doneAt: Date | null;
}

export type KpiDirection = "higher" | "lower";

export interface Kpi {
  id: string;
  projectId: string;
  name: string;
  target: number;
  unit: string | null;
  direction: KpiDirection;
  /** What the KPI is about, specifically (the S of SMART). */
  description: string | null;
  /** How it is measured: the source or method of a reading (the M of SMART). */
  measure: string | null;
  /** ISO date by which the target should be met. */
  deadline: string | null;
  ownerId: string | null;
}

export interface NewKpi {
  name: string;
  target: number;
  unit?: string | null;
  direction: KpiDirection;
  description?: string | null;
  measure?: string | null;
  deadline?: string | null;
  ownerId?: string | null;
}

export interface KpiReading {
  id: string;
  kpiId: string;
  value: number;
  recordedAt: Date;
  recordedById: string;
}

export interface KpiWithReadings extends Kpi {
  /** Newest first, at most the requested number. */
  readings: KpiReading[];
}

export interface Allocation {
  id: string;
  projectId: string;
  memberId: string;
  percent: number;
  fromDate: string | null;
  toDate: string | null;
}

export interface NewAllocation {
  memberId: string;
  percent: number;
  fromDate?: string | null;
  toDate?: string | null;
}

export interface Stakeholder {
  id: string;
  projectId: string;
  memberId: string;
  role: string | null;
  approver: boolean;
}

/**
 * A role on one project. Owners and managers run the project (budget,
 * settings, anyone's entries); only owners grant roles. Everyone else in the
 * workspace logs and edits their own entries.
 */
export type ProjectRoleName = "owner" | "manager";

export interface ProjectRole {
  projectId: string;
  memberId: string;
  role: ProjectRoleName;
  createdAt: Date;
}

export interface AuditEvent {
  id: string;
  tenantId: TenantId;
  projectId: string | null;
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export * from "./schedules.js";
export * from "./governance.js";
