/**
 * The storage port of the core. Implemented with Prisma in src/store/;
 * the core only sees these plain records.
 *
 * Every call is tenant-scoped: reads take the tenant id, writes take a Scope
 * (tenant + acting member) so each change is written together with its
 * AuditEvent in one transaction. A record of another tenant is never returned,
 * whatever id is asked for.
 *
 * Calendar dates (due dates, project start/end, cost dates) are ISO strings
 * "YYYY-MM-DD"; instants are Date. Money is integer minor units (bigint) of
 * the record's currency.
 */
import type { TenantId } from "./context.js";

export interface Scope {
  tenantId: TenantId;
  /** Member.id of whoever makes the change (written to the audit log). */
  actorId: string;
}

export type Platform = "slack" | "teams" | "local";
export type MemberRole = "admin" | "manager" | "member";

export interface Member {
  id: string;
  tenantId: TenantId;
  /** Platform user id (Slack U123, Teams AAD object id, shell user name). */
  platformUserId: string;
  name: string;
  timeZone: string | null;
  role: MemberRole;
}

export const COST_CATEGORIES = ["labour", "equipment", "software", "travel", "consultants", "other"] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export type ProjectStatus = "active" | "closed";

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
  amount: bigint;
  currency: string;
  category: CostCategory;
  note: string | null;
  incurredOn: string;
  createdById: string;
  createdAt: Date;
}

export interface NewCost {
  amount: bigint;
  currency: string;
  category: CostCategory;
  note?: string | null;
  incurredOn: string;
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

export interface Budget {
  total: bigint | null;
  currency: string;
  contingencyPct: number;
  lines: BudgetLine[];
}

export interface BudgetChange {
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
  description: string | null;
  deadline: string | null;
  ownerId: string | null;
}

export interface NewKpi {
  name: string;
  target: number;
  unit?: string | null;
  direction: KpiDirection;
  description?: string | null;
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

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface StandupSchedule {
  id: string;
  tenantId: TenantId;
  projectId: string;
  channelId: string;
  platform: Platform;
  /** Lower-case three-letter weekdays in week order: mon, tue, ... */
  days: Weekday[];
  /** "HH:mm" in timeZone. */
  time: string;
  timeZone: string;
  /** Member ids asked by DM; empty = the prompt goes to the channel. */
  participants: string[];
  /** No prompts up to and including this date (the whole team). */
  skipUntil: string | null;
  /** Local dates without a standup. */
  holidays: string[];
  /** Empty = the default questions. */
  questions: string[];
  windowMinutes: number;
  /** Ask each participant at `time` in their own zone (Member.timeZone, else timeZone). */
  perParticipantZones: boolean;
  active: boolean;
  /** Per-person absences: member id -> last skipped date (inclusive). */
  skips: Record<string, string>;
}

export interface StandupAnswer {
  memberId: string;
  yesterday: string | null;
  today: string | null;
  blockers: string | null;
  answeredAt: Date;
}

export type StandupAnswerInput = Partial<Pick<StandupAnswer, "yesterday" | "today" | "blockers">>;

export type StandupSettings = Pick<StandupSchedule, "days" | "time" | "timeZone" | "participants" | "platform"> &
  Partial<Pick<StandupSchedule, "holidays" | "questions" | "windowMinutes" | "perParticipantZones" | "skipUntil">>;

/** Raised by the store for expected conflicts; the core turns it into a friendly reply. */
export class StoreConflict extends Error {
  constructor(
    readonly reason: "duplicate" | "not_found",
    message: string,
  ) {
    super(message);
    this.name = "StoreConflict";
  }
}

export interface Store {
  tenants: {
    ensure(tenantId: TenantId, platform: Platform, name?: string): Promise<void>;
  };
  members: {
    /** Find or create by platform user id; updates name / time zone when given. */
    ensure(tenantId: TenantId, user: { platformUserId: string; name?: string; timeZone?: string | null }): Promise<Member>;
    get(tenantId: TenantId, id: string): Promise<Member | null>;
    /** Several at once (for rendering names); unknown ids are left out. */
    getMany(tenantId: TenantId, ids: string[]): Promise<Member[]>;
  };
  projects: {
    /** Fails with StoreConflict("duplicate") when the tenant has a project of that name (case-insensitive). */
    create(scope: Scope, project: NewProject): Promise<Project>;
    get(tenantId: TenantId, id: string): Promise<Project | null>;
    findByName(tenantId: TenantId, name: string): Promise<Project | null>;
    list(tenantId: TenantId): Promise<Project[]>;
    /** The project linked to a channel, if any. */
    forChannel(tenantId: TenantId, channelId: string): Promise<Project | null>;
    /** Link (or re-link) a channel to a project. */
    linkChannel(scope: Scope, projectId: string, channelId: string): Promise<void>;
  };
  tasks: {
    add(scope: Scope, projectId: string, task: NewTask): Promise<Task>;
    byNumber(tenantId: TenantId, projectId: string, number: number): Promise<Task | null>;
    list(tenantId: TenantId, projectId: string, filter?: TaskFilter): Promise<Task[]>;
    update(scope: Scope, taskId: string, patch: TaskPatch): Promise<Task>;
    /** The same patch to several tasks in one transaction: all change or none. */
    updateMany(scope: Scope, taskIds: string[], patch: TaskPatch): Promise<Task[]>;
  };
  costs: {
    add(scope: Scope, projectId: string, cost: NewCost): Promise<CostEntry>;
    /** Newest first; dates inclusive. */
    list(tenantId: TenantId, projectId: string, range?: { from?: string; to?: string }): Promise<CostEntry[]>;
    /** Aggregated in the database, not by loading every entry. */
    totals(tenantId: TenantId, projectId: string): Promise<CostTotals>;
  };
  budgets: {
    get(tenantId: TenantId, projectId: string): Promise<Budget>;
    set(scope: Scope, projectId: string, change: BudgetChange): Promise<Budget>;
  };
  risks: {
    add(scope: Scope, projectId: string, risk: NewRisk): Promise<Risk>;
    byNumber(tenantId: TenantId, projectId: string, number: number): Promise<Risk | null>;
    list(tenantId: TenantId, projectId: string, filter?: { status?: RiskStatus }): Promise<Risk[]>;
    update(scope: Scope, riskId: string, patch: RiskPatch): Promise<Risk>;
  };
  milestones: {
    add(scope: Scope, projectId: string, milestone: { name: string; dueDate: string }): Promise<Milestone>;
    byNumber(tenantId: TenantId, projectId: string, number: number): Promise<Milestone | null>;
    list(tenantId: TenantId, projectId: string): Promise<Milestone[]>;
    markDone(scope: Scope, milestoneId: string, at: Date): Promise<Milestone>;
  };
  kpis: {
    add(scope: Scope, projectId: string, kpi: NewKpi): Promise<Kpi>;
    findByName(tenantId: TenantId, projectId: string, name: string): Promise<Kpi | null>;
    record(scope: Scope, kpiId: string, value: number, at: Date): Promise<KpiReading>;
    /** Every KPI of the project with its newest readings (one query per table, not per KPI). */
    list(tenantId: TenantId, projectId: string, readingsPerKpi: number): Promise<KpiWithReadings[]>;
  };
  allocations: {
    /** Creates or replaces the member's allocation on this project. */
    allocate(scope: Scope, projectId: string, allocation: NewAllocation): Promise<Allocation>;
    list(tenantId: TenantId, projectId: string): Promise<Allocation[]>;
    /** All of a member's allocations across the tenant's projects (for over-allocation warnings). */
    forMember(tenantId: TenantId, memberId: string): Promise<Allocation[]>;
  };
  stakeholders: {
    /** Creates or updates the member's stakeholder entry on this project. */
    add(scope: Scope, projectId: string, s: { memberId: string; role?: string | null; approver?: boolean }): Promise<Stakeholder>;
    list(tenantId: TenantId, projectId: string): Promise<Stakeholder[]>;
    /** Returns false when the member was not a stakeholder. */
    remove(scope: Scope, projectId: string, memberId: string): Promise<boolean>;
  };
  audit: {
    /** Newest first. */
    list(tenantId: TenantId, filter?: { projectId?: string; limit?: number }): Promise<AuditEvent[]>;
  };
  standups: {
    /** Creates the schedule of a project's channel, or replaces its settings (and re-activates it). */
    setup(scope: Scope, projectId: string, channelId: string, settings: StandupSettings): Promise<StandupSchedule>;
    get(tenantId: TenantId, id: string): Promise<StandupSchedule | null>;
    forChannel(tenantId: TenantId, projectId: string, channelId: string): Promise<StandupSchedule | null>;
    /** The project's active schedules. */
    list(tenantId: TenantId, projectId: string): Promise<StandupSchedule[]>;
    /** A participant's absence through `until` (inclusive); replaces an earlier one. */
    skip(scope: Scope, scheduleId: string, memberId: string, until: string): Promise<void>;
    /** Records (or amends: only the given parts change) the acting member's answer for a local date. */
    answer(scope: Scope, scheduleId: string, slot: string, answer: StandupAnswerInput): Promise<StandupAnswer>;
    /** Answers for a local date, oldest first. */
    answers(tenantId: TenantId, scheduleId: string, slot: string): Promise<StandupAnswer[]>;
    /** Every answered day between two local dates (inclusive), oldest first. */
    history(tenantId: TenantId, scheduleId: string, range: { from: string; to: string }): Promise<{ slot: string; answers: StandupAnswer[] }[]>;
  };
}
