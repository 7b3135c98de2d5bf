/**
 * Change requests and their decision log. Who may decide, when a decision
 * settles a request and what an approval does to the plan are the core's
 * (core/authorization.ts, core/domain/change-policy.ts and
 * core/domain/change-settlement.ts): it records decisions and settlements
 * here, and applies the approval through the budget, project and charter
 * writes, in one `store.transaction`. Every event names the request
 * (`changeRequest`, `number` and `source: "change:<id>"`).
 */
import type { ChangeDecision, ChangeDecisionKind, ChangeRequest, ChangeStatus, Store } from "../../core/index.js";
import type { ChangeDecision as DecisionRow, ChangeRequest as ChangeRow } from "../../generated/sqlite/client.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { nextNumber, requireProject } from "../guards.js";
import { refuseOverLimit } from "../money-limit.js";
import { write } from "../write.js";
import { changeNames } from "../applied-change.js";

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

/** The tenant's request, with its decisions; StoreConflict("not_found") otherwise. */
async function requireChange(tx: Tx, tenantId: string, changeId: string): Promise<ChangeRequest> {
  const row = await tx.changeRequest.findFirst({ where: { id: changeId, tenantId }, include: WITH_DECISIONS });
  if (!row) throw notFound("Change request");
  return toChangeRequest(row);
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
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId, actorId } = scope;
        const before = await requireChange(tx, tenantId, changeId);
        const comment = input.comment?.trim() ? input.comment.trim() : null;
        const decision = toDecision(
          await tx.changeDecision.create({
            data: { tenantId, changeRequestId: changeId, memberId: actorId, decision: input.decision, comment, createdAt: input.at },
          }),
        );
        const names = changeNames({ changeId, number: before.number });
        await audit({
          action: `change.${input.decision}`,
          entity: "change",
          entityId: changeId,
          projectId: before.projectId,
          after: { ...decision, ...names },
        });
        return { ...before, decisions: [...before.decisions, decision] };
      });
    },

    settle(scope, changeId, input) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const before = await requireChange(tx, tenantId, changeId);
        const change = toChangeRequest(
          await tx.changeRequest.update({
            where: { id: changeId, tenantId },
            data: { status: input.status, decidedAt: input.at },
            include: WITH_DECISIONS,
          }),
        );
        await audit({
          action: input.status === "approved" ? "change.approved" : "change.rejected",
          entity: "change",
          entityId: changeId,
          projectId: change.projectId,
          before: { status: before.status, decidedAt: before.decidedAt },
          after: {
            status: change.status,
            decidedAt: change.decidedAt,
            policy: input.policy,
            approvers: input.approverIds,
            ...changeNames({ changeId, number: change.number }),
          },
        });
        return change;
      });
    },

    async markReminded(scope, changeId, localDate) {
      await write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const row = await tx.changeRequest.findFirst({
          where: { id: changeId, tenantId },
          select: { projectId: true, lastRemindedOn: true },
        });
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
