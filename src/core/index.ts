/**
 * The core's public face: what adapters, the store, the outbox, the scheduler
 * and the composition roots may use. Everything else under src/core is its
 * own business (the boundary check holds outer layers to this file).
 */
export { drawChart, loadChartData } from "./charts/index.js";
export type { DrawnChart } from "./charts/index.js";
export { failureText, recordingWrites, savedBy } from "./command-failure.js";
export { commandName } from "./commands/define.js";
export { MAX_PEOPLE } from "./commands/fields.js";
export { formFor } from "./commands/form.js";
export { commands } from "./commands/index.js";
export { usageOf } from "./commands/params.js";
export type { CommandObserver, CommandOutcome, Context, Logger, Outsider, TenantId } from "./context.js";
export { DIGEST_CHARTS } from "./digest/charts.js";
export { weeklyDigest } from "./digest/weekly-digest.js";
export { dispatch, findCommand, submitForm } from "./dispatch.js";
export { projectBudgetStatus } from "./domain/budget.js";
export type { BudgetStatus } from "./domain/budget.js";
export { approverIds, pendingApprovers } from "./domain/change-policy.js";
export { charterScope } from "./domain/charter.js";
export { formatDate, todayIn } from "./domain/dates.js";
export { formatMoney, overMoneyLimitMessage, withinMoneyLimit } from "./domain/money.js";
export { directMessage, memberZone } from "./domain/quiet-hours.js";
export { riskMatrix, riskScore, riskSeverity } from "./domain/risk.js";
export type { RiskSeverity } from "./domain/risk.js";
export { digestRule } from "./domain/schedule/digest-rule.js";
export { occurrenceOn, occurrencesBetween } from "./domain/schedule/occurrences.js";
export { promptTargets } from "./domain/schedule/prompt-targets.js";
export type { PromptTarget } from "./domain/schedule/prompt-targets.js";
export { beforeStart, isAway, reminderLeadMinutes, standupDates, standupDay } from "./domain/schedule/standup-day.js";
export type { StandupDay } from "./domain/schedule/standup-day.js";
export { importCosts } from "./export/cost-import.js";
export { EXPORT_FORMATS, exportFiles } from "./export/csv.js";
export type { ExportFormat } from "./export/csv.js";
export { exportTables } from "./export/tables.js";
export { chatText, inboundWords } from "./grammar/inbound.js";
export type { ChatText, InboundPart } from "./grammar/inbound.js";
export { suggest } from "./grammar/suggest.js";
export { tokenize, tokensFromArgv } from "./grammar/tokenize.js";
export { homeOverview } from "./home.js";
export { formatValue, onTrack, targetText } from "./messages/kpi.js";
export { IMPACT, PROBABILITY } from "./messages/risk.js";
export { promptDedupeKey, standupPrompt, standupReminder } from "./messages/standup-prompt.js";
export { blockerEscalation, escalationDedupeKey, standupSummary, summaryDedupeKey } from "./messages/standup-summary.js";
export { summaryThreadKey, threadOpening } from "./messages/standup-thread.js";
export { outboxNotifier } from "./notify.js";
export type { OutboxQueue, OutgoingMessage } from "./notify.js";
export { DEFAULT_RATE_LIMITS, createRateLimiter } from "./rate-limit.js";
export type { RateLimiter, RateLimits } from "./rate-limit.js";
export { overdueOn, overdueReminder, reminderCount, reminderDedupeKey } from "./reminders/overdue.js";
export type { OverdueItems } from "./reminders/overdue.js";
export { slug } from "./slug.js";
export { COST_CATEGORIES, StoreConflict, WEEKDAYS } from "./store.js";
export type {
  Allocation,
  AppliedChange,
  ApprovedBudgetChange,
  AuditEvent,
  Budget,
  ChangeDecision,
  ChangeDecisionKind,
  ChangePolicy,
  ChangeRequest,
  ChangeStatus,
  CharterApproval,
  CharterVersion,
  CloseOut,
  CostCategory,
  CostEntry,
  CostTotals,
  ImportedCost,
  Kpi,
  KpiDirection,
  KpiReading,
  KpiWithReadings,
  Member,
  MemberRole,
  Milestone,
  PostMortem,
  Project,
  ProjectRole,
  ProjectRoleName,
  ProjectStatus,
  ReportSchedule,
  Risk,
  RiskPatch,
  RiskStatus,
  Scope,
  Stakeholder,
  StandupAnswer,
  StandupSchedule,
  Store,
  Task,
  TaskPatch,
  TaskStatus,
  Weekday,
} from "./store.js";
export type { Platform } from "./tenancy.js";
export { LOCAL_TENANT, PLATFORMS, TenantKeyError, parseTenantKey, tenantFromText, tenantKey, tenantPlatform } from "./tenant-key.js";
export { attachmentOf, attachmentsOf, isAttachment, withoutAttachments } from "./views/attachments.js";
export type { Attachment } from "./views/attachments.js";
export type { Form, FormField } from "./views/form.js";
export { hasReferences, plainReferences, segments, withoutReserved } from "./views/references.js";
export type { Segment } from "./views/references.js";
export { plain, progressBar, renderText } from "./views/render-text.js";
export { contextLine, rejection, reply, text } from "./views/reply.js";
export type { Block, Button, Reply, Tone } from "./views/reply.js";
