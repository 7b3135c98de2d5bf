/**
 * The plain records the store hands the core: no Prisma types. Calendar dates
 * are ISO strings "YYYY-MM-DD", instants are Date, money is integer minor
 * units (bigint) of the record's currency.
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
  /** DM participants who have not answered before the answer window closes. */
  remindBeforeClose: boolean;
  /** Occurrences before this instant are neither prompted nor summarised (set up or resumed later that day). */
  activeFrom: Date | null;
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

/** An answer with the standup day it belongs to, for reports over many days and schedules. */
export interface DatedStandupAnswer extends StandupAnswer {
  scheduleId: string;
  slot: string;
}

export type StandupAnswerInput = Partial<Pick<StandupAnswer, "yesterday" | "today" | "blockers">>;

export type StandupSettings = Pick<StandupSchedule, "days" | "time" | "timeZone" | "participants" | "platform"> &
  Partial<Pick<StandupSchedule, "holidays" | "questions" | "windowMinutes" | "perParticipantZones" | "skipUntil" | "remindBeforeClose" | "activeFrom">>;

/** The weekly digest posted on a schedule to a project channel and DM'd to its stakeholders. */
export interface ReportSchedule {
  id: string;
  tenantId: TenantId;
  projectId: string;
  channelId: string;
  platform: Platform;
  day: Weekday;
  /** "HH:mm" in timeZone. */
  time: string;
  timeZone: string;
  active: boolean;
}

export type ReportScheduleSettings = Pick<ReportSchedule, "platform" | "day" | "time" | "timeZone">;

export type ChangeStatus = "open" | "approved" | "rejected";
export type ChangeDecisionKind = "approve" | "reject" | "ask";

/** One step in a change request's history: a decision, or a question to the requester. */
export interface ChangeDecision {
  memberId: string;
  decision: ChangeDecisionKind;
  comment: string | null;
  at: Date;
}

/** A requested change of scope, budget or schedule, with its decision log. */
export interface ChangeRequest {
  id: string;
  projectId: string;
  number: number;
  title: string;
  /** Added to the budget on approval, in minor units of the project's currency. */
  costImpact: bigint | null;
  currency: string | null;
  /** Calendar days the project end moves on approval. */
  scheduleDays: number | null;
  scopeText: string | null;
  reason: string | null;
  status: ChangeStatus;
  requestedById: string;
  requestedAt: Date;
  decidedAt: Date | null;
  /** Local date of the last reminder to its approvers (one a day at most). */
  lastRemindedOn: string | null;
  /** Oldest first. */
  decisions: ChangeDecision[];
}

export interface NewChangeRequest {
  title: string;
  costImpact?: bigint | null;
  scheduleDays?: number | null;
  scopeText?: string | null;
  reason?: string | null;
  /** The requester's clock: requestedAt (ages and reminders are counted from it). */
  at: Date;
}

/** Someone who approved a charter version. */
export interface CharterApproval {
  memberId: string;
  approvedAt: Date;
}

/** One saved version of a project's charter; each save makes the next version. */
export interface CharterVersion {
  id: string;
  projectId: string;
  /** 1, 2, 3, ... per project. */
  version: number;
  /** The stored JSON content; core/domain/charter.ts reads its parts. */
  content: unknown;
  createdById: string;
  createdAt: Date;
  /** Oldest first. */
  approvals: CharterApproval[];
}

/** What the team said when the project closed: each part one item per entry. */
export interface PostMortem {
  wentWell: string[];
  didNotGoWell: string[];
  lessons: string[];
  followUps: string[];
}

/** A closed project's post-mortem and the snapshot of its final report. */
export interface CloseOut {
  id: string;
  projectId: string;
  postMortem: PostMortem;
  /** The final report's figures as they were at close (JSON, money as minor-unit strings). */
  finalReport: unknown;
  closedById: string;
  closedAt: Date;
}

export interface NewCloseOut {
  postMortem: PostMortem;
  finalReport: unknown;
  /** The closer's clock: the project's closedAt. */
  at: Date;
}
