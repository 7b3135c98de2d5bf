/**
 * Change requests and their decision log. A decision that settles a request
 * under the project's policy applies its impacts in the same transaction:
 *
 * - cost: the project's budget total grows by the cost impact (a total not set
 *   yet counts as 0), and a BudgetLine of category "other" with source
 *   `change:<change request id>` records the amount, so the baseline lines
 *   (source "baseline") stay as they were and the approved change is visible
 *   beside them;
 * - schedule: the project's end date moves by the schedule impact in calendar
 *   days (a project without an end date keeps none);
 * - scope: a new CharterVersion whose content is the latest version's with the
 *   scope text added to `scope.in` (version 1 holding only that scope when the
 *   project has no charter yet).
 *
 * Each impact is written with its own AuditEvent whose `after` names the
 * request (`changeRequest`, `number` and `source: "change:<id>"`). A failure
 * anywhere rolls the decision and every impact back.
 */
import { addDays, DATE_RANGE_TEXT, isDateInRange } from "../../core/domain/dates.js";
import { charterScope, withScopeItem } from "../../core/domain/charter.js";
import { approverIds, settlementOf } from "../../core/domain/change-policy.js";
import {
  NotAnApprover,
  StoreConflict,
  type ChangeDecision,
  type ChangeDecisionKind,
  type ChangeRequest,
  type ChangeStatus,
  type CostCategory,
  type Scope,
  type Store,
} from "../../core/store.js";
import type { ChangeDecision as DecisionRow, ChangeRequest as ChangeRow, Project as ProjectRow } from "../../generated/sqlite/client.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { nextNumber, requireProject } from "../guards.js";
import { refuseOverLimit } from "../money-limit.js";
import { write, type Audit } from "../write.js";
import { toProject } from "./projects.js";

/** The budget category of the line an approved change adds (change requests carry no category of their own). */
export const CHANGE_LINE_CATEGORY: CostCategory = "other";

/** BudgetLine.source (and the audit reference) of what an approved change request added. */
export const changeSource = (changeId: string): string => `change:${changeId}`;

const WITH_DECISIONS = { decisions: { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } };

type ChangeRowWithDecisions = ChangeRow & { decisions: DecisionRow[] };

function toDecision(row: DecisionRow): ChangeDecision {
  return { memberId: row.memberId, decision: row.decision as ChangeDecisionKind, comment: row.comment, at: row.createdAt };
}

export function toChangeRequest(row: ChangeRowWithDecisions): ChangeRequest {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    title: row.title,
    costImpact: row.costImpact,
    currency: row.currency,
    scheduleDays: row.scheduleDays,
    scopeText: row.scopeText,
    reason: row.reason,
    status: row.status as ChangeStatus,
    requestedById: row.requestedById,
    requestedAt: row.createdAt,
    decidedAt: row.decidedAt,
    lastRemindedOn: row.lastRemindedOn,
    decisions: row.decisions.map(toDecision),
  };
}

/** The project manager first, then the stakeholders marked as approvers, oldest first. */
async function approversOf(db: Tx, tenantId: string, project: Pick<ProjectRow, "id" | "managerId">): Promise<string[]> {
  const stakeholders = await db.stakeholder.findMany({
    where: { tenantId, projectId: project.id, approver: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { memberId: true, approver: true },
  });
  return approverIds(project, stakeholders);
}

/**
 * A no-op update that takes the row's lock: on PostgreSQL a second writer
 * waits here until the first commits, then reads what it wrote. (SQLite
 * writers are serialised by `write` already.) False when the row is not the
 * tenant's.
 */
async function lockRow(tx: Tx, table: "changeRequest" | "project", tenantId: string, id: string): Promise<boolean> {
  const where = { id, tenantId };
  const { count } = table === "changeRequest" ? await tx.changeRequest.updateMany({ where, data: { tenantId } }) : await tx.project.updateMany({ where, data: { tenantId } });
  return count > 0;
}

function parseContent(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function applyImpacts(tx: Tx, audit: Audit, scope: Scope, project: ProjectRow, change: ChangeRequest): Promise<void> {
  const { tenantId } = scope;
  const projectId = project.id;
  const source = changeSource(change.id);
  const names = { changeRequest: change.id, number: change.number, source };

  if (change.costImpact !== null && change.costImpact !== 0n) {
    if (change.currency !== null && change.currency !== project.currency) {
      throw new StoreConflict(
        "duplicate",
        `Change request #${change.number} costs ${change.currency}, but ${project.name}'s budget is now in ${project.currency}. Amounts are never converted, so nothing was decided.`,
      );
    }
    const total = (project.budgetTotal ?? 0n) + change.costImpact;
    refuseOverLimit(total, `${project.name}'s budget`, project.currency);
    await tx.project.update({ where: { id: projectId, tenantId }, data: { budgetTotal: total } });
    const line = { category: CHANGE_LINE_CATEGORY, amount: change.costImpact, source };
    await tx.budgetLine.create({ data: { tenantId, projectId, ...line } });
    await audit({
      action: "change.apply-budget",
      entity: "budget",
      entityId: projectId,
      projectId,
      before: { total: project.budgetTotal, currency: project.currency },
      after: { total, currency: project.currency, line, ...names },
    });
  }

  if (change.scheduleDays !== null && change.scheduleDays !== 0 && project.endDate !== null) {
    const endDate = addDays(project.endDate, change.scheduleDays);
    // The end date may have moved since the request was raised: the range is checked as it is applied.
    if (!isDateInRange(endDate)) {
      throw new StoreConflict("limit", `That would move ${project.name}'s end date to ${endDate}; dates must be ${DATE_RANGE_TEXT}. Nothing was decided.`);
    }
    await tx.project.update({ where: { id: projectId, tenantId }, data: { endDate } });
    await audit({
      action: "change.apply-schedule",
      entity: "project",
      entityId: projectId,
      projectId,
      before: { endDate: project.endDate },
      after: { endDate, days: change.scheduleDays, ...names },
    });
  }

  if (change.scopeText !== null && change.scopeText.trim() !== "") {
    const latest = await tx.charterVersion.findFirst({ where: { tenantId, projectId }, orderBy: { version: "desc" } });
    const previous = latest ? parseContent(latest.content) : null;
    const content = withScopeItem(previous, change.scopeText);
    const version = await tx.charterVersion.create({
      data: { tenantId, projectId, version: (latest?.version ?? 0) + 1, content: JSON.stringify(content), createdById: scope.actorId },
    });
    await audit({
      action: "change.apply-scope",
      entity: "charter",
      entityId: version.id,
      projectId,
      before: latest ? { version: latest.version, scope: charterScope(previous) } : null,
      after: { version: version.version, scope: charterScope(content), added: change.scopeText, ...names },
    });
  }
}

export function changeRequestsRepository(ctx: StoreContext): Store["changes"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          const project = await requireProject(tx, tenantId, projectId);
          const costImpact = input.costImpact ?? null;
          // An impact that could never be approved is refused now, not at the approval.
          if (costImpact !== null) refuseOverLimit(costImpact, "this change request's cost impact", project.currency);
          const { _max } = await tx.changeRequest.aggregate({ where: { tenantId, projectId }, _max: { number: true } });
          const change = toChangeRequest(
            await tx.changeRequest.create({
              data: {
                tenantId,
                projectId,
                number: nextNumber(_max.number),
                title: input.title,
                costImpact,
                currency: costImpact === null ? null : project.currency,
                scheduleDays: input.scheduleDays ?? null,
                scopeText: input.scopeText ?? null,
                reason: input.reason ?? null,
                requestedById: scope.actorId,
                createdAt: input.at,
              },
              include: WITH_DECISIONS,
            }),
          );
          await audit({ action: "change.request", entity: "change", entityId: change.id, projectId, after: change });
          return change;
        },
        { retryOnUnique: true },
      );
    },

    async byNumber(tenantId, projectId, number) {
      const row = await prisma.changeRequest.findFirst({ where: { tenantId, projectId, number }, include: WITH_DECISIONS });
      return row ? toChangeRequest(row) : null;
    },

    async list(tenantId, projectId, filter = {}) {
      const rows = await prisma.changeRequest.findMany({
        where: { tenantId, projectId, ...(filter.status ? { status: { in: filter.status } } : {}) },
        orderBy: { number: "asc" },
        include: WITH_DECISIONS,
      });
      return rows.map(toChangeRequest);
    },

    decide(scope, changeId, input) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId, actorId } = scope;
          // Decisions on one request run one after another, each seeing the ones before it.
          if (!(await lockRow(tx, "changeRequest", tenantId, changeId))) throw notFound("Change request");
          const row = await tx.changeRequest.findFirstOrThrow({ where: { id: changeId, tenantId }, include: WITH_DECISIONS });
          const before = toChangeRequest(row);
          if (before.status !== "open") {
            throw new StoreConflict("duplicate", `Change request #${before.number} is already ${before.status}; nothing changed.`);
          }
          await lockRow(tx, "project", tenantId, row.projectId);
          const project = await tx.project.findFirstOrThrow({ where: { id: row.projectId, tenantId } });
          const approvers = await approversOf(tx, tenantId, project);
          if (!approvers.includes(actorId)) throw new NotAnApprover(approvers);

          const comment = input.comment?.trim() ? input.comment.trim() : null;
          const decision = toDecision(
            await tx.changeDecision.create({
              data: { tenantId, changeRequestId: changeId, memberId: actorId, decision: input.decision, comment, createdAt: input.at },
            }),
          );
          const names = { changeRequest: changeId, number: before.number, source: changeSource(changeId) };
          await audit({ action: `change.${input.decision}`, entity: "change", entityId: changeId, projectId: project.id, after: { ...decision, ...names } });

          const decisions = [...before.decisions, decision];
          const outcome = settlementOf(toProject(project).changePolicy, approvers, decisions, input.decision);
          if (!outcome) return { change: { ...before, decisions }, settled: false };

          const change = toChangeRequest(
            await tx.changeRequest.update({ where: { id: changeId, tenantId }, data: { status: outcome, decidedAt: input.at }, include: WITH_DECISIONS }),
          );
          await audit({
            action: outcome === "approved" ? "change.approved" : "change.rejected",
            entity: "change",
            entityId: changeId,
            projectId: project.id,
            before: { status: before.status, decidedAt: null },
            after: { status: change.status, decidedAt: change.decidedAt, policy: toProject(project).changePolicy, approvers, ...names },
          });
          if (outcome === "approved") await applyImpacts(tx, audit, scope, project, change);
          return { change, settled: true };
        },
        // A charter saved at the same moment took the next version number: decide again on fresh data.
        { retryOnUnique: true },
      );
    },

    async markReminded(scope, changeId, localDate) {
      await write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const row = await tx.changeRequest.findFirst({ where: { id: changeId, tenantId }, select: { projectId: true, lastRemindedOn: true } });
        if (!row) throw notFound("Change request");
        await tx.changeRequest.update({ where: { id: changeId, tenantId }, data: { lastRemindedOn: localDate } });
        await audit({
          action: "change.remind",
          entity: "change",
          entityId: changeId,
          projectId: row.projectId,
          before: { lastRemindedOn: row.lastRemindedOn },
          after: { lastRemindedOn: localDate },
        });
      });
    },
  };
}
