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
import type { TenantId } from "./tenancy.js";
import type {
  Scope,
  Platform,
  Member,
  Project,
  NewProject,
  Task,
  NewTask,
  TaskPatch,
  TaskFilter,
  CostEntry,
  CostPatch,
  NewCost,
  ImportedCost,
  CostTotals,
  CostCategory,
  Budget,
  BudgetChange,
  RiskStatus,
  Risk,
  NewRisk,
  RiskPatch,
  Milestone,
  Kpi,
  NewKpi,
  KpiReading,
  KpiWithReadings,
  Allocation,
  NewAllocation,
  Stakeholder,
  AuditEvent,
  ProjectRole,
  ProjectRoleName,
  StandupSchedule,
  StandupAnswer,
  DatedStandupAnswer,
  StandupAnswerInput,
  StandupSettings,
  ReportSchedule,
  ChangePolicy,
  ChangeRequest,
  ChangeStatus,
  ChangeDecisionKind,
  NewChangeRequest,
  ReportScheduleSettings,
  CharterVersion,
  CloseOut,
  NewCloseOut,
} from "./records/index.js";

// The records are part of the port: whoever uses the store imports them from here.
export * from "./records/index.js";

/**
 * What a refused store write ran into (nothing was written):
 * - duplicate: the name is taken already (a project, a KPI of the project);
 * - not_found: no such record of the tenant's;
 * - limit: the write would take an amount or a project's total to the money limit (domain/money.ts);
 * - currency-mismatch: the write would change the currency of amounts already recorded, which are never converted.
 */
export type StoreConflictReason = "duplicate" | "not_found" | "limit" | "currency-mismatch";

/** Raised by the store for expected conflicts; the core turns it into a friendly reply. */
export class StoreConflict extends Error {
  constructor(
    readonly reason: StoreConflictReason,
    message: string,
  ) {
    super(message);
    this.name = "StoreConflict";
  }
}

/** An approved change request that a write carries out: the write's audit event names it. */
export interface AppliedChange {
  changeId: string;
  number: number;
}

/** How `Store.transaction` runs its callback. */
export interface TransactionOptions {
  /**
   * Run the whole callback again, on fresh data, when a write in it hits a
   * unique violation (another writer took the same number meanwhile). Writes
   * that retry on their own outside a transaction (numbered records, charter
   * versions) get this inside one without asking.
   */
  retryOnUnique?: boolean;
  /** How long the transaction may run, when more than the default. */
  timeoutMs?: number;
}

export interface Store {
  /**
   * Runs `work` with `tx`, a store whose reads and writes all happen in ONE
   * database transaction, audit events included: it commits when `work`
   * resolves and rolls back, leaving nothing written, when it throws. `scope`
   * is whom it writes for; every write inside must be for the same tenant.
   *
   * Inside, use `tx` only: on SQLite the outer store waits until the
   * transaction ends. A `transaction` call on `tx` joins the same
   * transaction. On PostgreSQL `tx.projects.lock` holds a project's row, so
   * rules checked on what was read stay true until the commit.
   */
  transaction<T>(scope: Scope, work: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T>;
  tenants: {
    ensure(tenantId: TenantId, platform: Platform, name?: string): Promise<void>;
  };
  members: {
    /**
     * Find or create by platform user id; updates name / time zone when given.
     * `rename: false` gives the name to a new member only: what a mention
     * showed (typed words, a label) is no one's say on another person's name.
     */
    ensure(
      tenantId: TenantId,
      user: { platformUserId: string; name?: string; timeZone?: string | null },
      options?: { rename?: boolean },
    ): Promise<Member>;
    get(tenantId: TenantId, id: string): Promise<Member | null>;
    /** Several at once (for rendering names); unknown ids are left out. */
    getMany(tenantId: TenantId, ids: string[]): Promise<Member[]>;
    /** The acting member's quiet hours ("HH:mm-HH:mm", "" for none). */
    setQuietHours(scope: Scope, quietHours: string): Promise<Member>;
  };
  projects: {
    /** Fails with StoreConflict("duplicate") when the tenant has a project of that name (case-insensitive). */
    create(scope: Scope, project: NewProject): Promise<Project>;
    get(tenantId: TenantId, id: string): Promise<Project | null>;
    findByName(tenantId: TenantId, name: string): Promise<Project | null>;
    /**
     * The project, read afresh. Inside `transaction` its row stays locked
     * until the transaction ends, so other writers of the project wait and
     * what was read stays true until the commit (PostgreSQL; SQLite runs one
     * transaction at a time). StoreConflict("not_found") when not the tenant's.
     */
    lock(tenantId: TenantId, projectId: string): Promise<Project>;
    list(tenantId: TenantId): Promise<Project[]>;
    /** The project linked to a channel, if any. */
    forChannel(tenantId: TenantId, channelId: string): Promise<Project | null>;
    /** Link (or re-link) a channel to a project. */
    linkChannel(scope: Scope, projectId: string, channelId: string): Promise<void>;
    /** The channels linked to the project, oldest link first. */
    channels(tenantId: TenantId, projectId: string): Promise<string[]>;
    /** Where immediate alerts go; null = the linked channels. */
    setAlertChannel(scope: Scope, projectId: string, channelId: string | null): Promise<Project>;
    setChangePolicy(scope: Scope, projectId: string, policy: ChangePolicy): Promise<Project>;
    /** Moves the end date as an approved change request says (`days` it moved by). */
    setEndDate(scope: Scope, projectId: string, endDate: string, applied: { change: AppliedChange; days: number }): Promise<Project>;
  };
  roles: {
    /** The project's owners (first) and managers, oldest grant first. */
    list(tenantId: TenantId, projectId: string): Promise<ProjectRole[]>;
    /**
     * Gives the member a role on the project, changes it, or (null) takes it
     * away. Returns the role before and after; nothing is written when they
     * are the same. Who may, and that the last owner stays, is the core's
     * rule (core/authorization.ts).
     */
    set(
      scope: Scope,
      projectId: string,
      memberId: string,
      role: ProjectRoleName | null,
    ): Promise<{ before: ProjectRoleName | null; after: ProjectRoleName | null }>;
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
    /**
     * Adds every cost in ONE transaction, each with its AuditEvent
     * ("cost.import"): all of them or, on any failure, none. Rows whose `id`
     * is already a cost of this project are left out (`existing` lists those
     * ids); `added` is in the order given.
     */
    addMany(scope: Scope, projectId: string, costs: ImportedCost[]): Promise<{ added: CostEntry[]; existing: string[] }>;
    /** Newest first; dates inclusive. */
    list(tenantId: TenantId, projectId: string, range?: { from?: string; to?: string }): Promise<CostEntry[]>;
    byNumber(tenantId: TenantId, projectId: string, number: number): Promise<CostEntry | null>;
    /** Changes a cost; who may is the command's call (its logger, or whoever runs the project). */
    update(scope: Scope, costId: string, patch: CostPatch): Promise<CostEntry>;
    /** Deletes a cost; the audit log keeps what it was. */
    remove(scope: Scope, costId: string): Promise<CostEntry>;
    /** Aggregated in the database, not by loading every entry. */
    totals(tenantId: TenantId, projectId: string): Promise<CostTotals>;
  };
  budgets: {
    get(tenantId: TenantId, projectId: string): Promise<Budget>;
    set(scope: Scope, projectId: string, change: BudgetChange): Promise<Budget>;
    /**
     * Books an approved change request: a line of its own beside the baseline
     * records the amount, and the plan's total becomes `total`.
     */
    addChange(
      scope: Scope,
      projectId: string,
      booking: { change: AppliedChange; category: CostCategory; amount: bigint; total: bigint },
    ): Promise<Budget>;
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
    /**
     * Creates the schedule of a project's channel, or replaces its settings (and re-activates it).
     * `activeFrom` applies only when the schedule is new or stopped; an active one keeps its own.
     */
    setup(scope: Scope, projectId: string, channelId: string, settings: StandupSettings): Promise<StandupSchedule>;
    get(tenantId: TenantId, id: string): Promise<StandupSchedule | null>;
    forChannel(tenantId: TenantId, projectId: string, channelId: string): Promise<StandupSchedule | null>;
    /** The project's active schedules. */
    list(tenantId: TenantId, projectId: string): Promise<StandupSchedule[]>;
    /** Deactivates the schedule (no more prompts, reminders or summaries); `setup` starts it again. */
    stop(scope: Scope, scheduleId: string): Promise<StandupSchedule>;
    /** A participant's absence through `until` (inclusive); replaces an earlier one. */
    skip(scope: Scope, scheduleId: string, memberId: string, until: string): Promise<void>;
    /** Records (or amends: only the given parts change) the acting member's answer for a local date. */
    answer(scope: Scope, scheduleId: string, slot: string, answer: StandupAnswerInput): Promise<StandupAnswer>;
    /** Answers for a local date, oldest first. */
    answers(tenantId: TenantId, scheduleId: string, slot: string): Promise<StandupAnswer[]>;
    /** Answers for several (schedule, local date) days at once, keyed `${scheduleId}|${slot}`; a day without answers has no entry. */
    answersOfDays(tenantId: TenantId, days: readonly { scheduleId: string; slot: string }[]): Promise<Map<string, StandupAnswer[]>>;
    /** Every answer to any of the project's standups between two local dates (inclusive), oldest first; one query. */
    answersBetween(tenantId: TenantId, projectId: string, range: { from: string; to: string }): Promise<DatedStandupAnswer[]>;
    /** Every answered day between two local dates (inclusive), oldest first. */
    history(
      tenantId: TenantId,
      scheduleId: string,
      range: { from: string; to: string },
    ): Promise<{ slot: string; answers: StandupAnswer[] }[]>;
  };
  changes: {
    add(scope: Scope, projectId: string, change: NewChangeRequest): Promise<ChangeRequest>;
    byNumber(tenantId: TenantId, projectId: string, number: number): Promise<ChangeRequest | null>;
    /** Oldest first; all statuses unless filtered. */
    list(tenantId: TenantId, projectId: string, filter?: { status?: ChangeStatus[] }): Promise<ChangeRequest[]>;
    /**
     * Records the acting member's decision (a question too) and returns the
     * request with it as its newest. Whether they may, and whether it settles
     * the request, is the core's call.
     */
    decide(
      scope: Scope,
      changeId: string,
      decision: { decision: ChangeDecisionKind; comment?: string | null; at: Date },
    ): Promise<ChangeRequest>;
    /** Records how the request was settled; the policy and approvers it was settled under go into the audit log. */
    settle(
      scope: Scope,
      changeId: string,
      settlement: { status: Exclude<ChangeStatus, "open">; at: Date; policy: ChangePolicy; approverIds: readonly string[] },
    ): Promise<ChangeRequest>;
    markReminded(scope: Scope, changeId: string, localDate: string): Promise<void>;
  };
  reportSchedules: {
    /** Creates the weekly digest schedule of a project's channel, or replaces its settings (and re-activates it). */
    setup(scope: Scope, projectId: string, channelId: string, settings: ReportScheduleSettings): Promise<ReportSchedule>;
    forChannel(tenantId: TenantId, projectId: string, channelId: string): Promise<ReportSchedule | null>;
    /** The project's active schedules. */
    list(tenantId: TenantId, projectId: string): Promise<ReportSchedule[]>;
    /** Deactivates the schedule: no more weekly digests until `setup` runs again. */
    stop(scope: Scope, scheduleId: string): Promise<ReportSchedule>;
  };
  charters: {
    /**
     * Saves the content as the project's next version (1 for the first),
     * written by the acting member; `applied` when an approved change request
     * added a scope item (`added`).
     */
    save(
      scope: Scope,
      projectId: string,
      content: Record<string, unknown>,
      at: Date,
      applied?: { change: AppliedChange; added: string },
    ): Promise<CharterVersion>;
    /** The newest version, or null when the project has no charter yet. */
    latest(tenantId: TenantId, projectId: string): Promise<CharterVersion | null>;
    version(tenantId: TenantId, projectId: string, version: number): Promise<CharterVersion | null>;
    /**
     * Records the acting member's approval of a version (who may is the
     * core's rule, core/authorization.ts). `created` is false when they had
     * approved that version already; `latest` is the project's newest version
     * number.
     */
    approve(
      scope: Scope,
      projectId: string,
      version: number,
      at: Date,
    ): Promise<{ charter: CharterVersion; created: boolean; latest: number }>;
  };
  closeOuts: {
    /**
     * Closes (archives) the project: stores the post-mortem and the final
     * report and sets status "closed" and closedAt, in one transaction. Who
     * may, and when, is the core's rule (core/authorization.ts,
     * core/domain/close-out.ts).
     */
    close(scope: Scope, projectId: string, closeOut: NewCloseOut): Promise<CloseOut>;
    get(tenantId: TenantId, projectId: string): Promise<CloseOut | null>;
    /** Makes a closed project active again; the last close-out is kept. */
    reopen(scope: Scope, projectId: string, at: Date): Promise<Project>;
  };
}
