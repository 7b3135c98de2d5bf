import type { Risk, RiskPatch, RiskStatus, Store } from "../../core/index.js";
import type { Prisma, Risk as RiskRow } from "../../generated/sqlite/client.js";
import { changeInTenant } from "../audited.js";
import type { StoreContext } from "../client.js";
import { requireMember, requireProject } from "../guards.js";
import { addNumbered, findByNumber, type NumberedKind } from "../numbered.js";
import { write } from "../write.js";

export function toRisk(row: RiskRow): Risk {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    title: row.title,
    probability: row.probability,
    impact: row.impact,
    ownerId: row.ownerId,
    mitigation: row.mitigation,
    reviewDate: row.reviewDate,
    status: row.status as RiskStatus,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

const RISKS: NumberedKind<RiskRow, Risk> = { entity: "risk", noun: "Risk", table: (db) => db.risk, toRecord: toRisk };

/** Closing a risk is its own audit action; any other change is an update. */
const riskAction = (before: Risk, after: Risk): string =>
  after.status === "closed" && before.status !== "closed" ? "risk.close" : "risk.update";

export function risksRepository(ctx: StoreContext): Store["risks"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      const { tenantId } = scope;
      return addNumbered(ctx, scope, projectId, RISKS, {
        async check(tx) {
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, input.ownerId);
        },
        create: (tx, number) =>
          tx.risk.create({
            data: {
              tenantId,
              projectId,
              number,
              title: input.title,
              probability: input.probability,
              impact: input.impact,
              ownerId: input.ownerId ?? null,
              mitigation: input.mitigation ?? null,
              reviewDate: input.reviewDate ?? null,
            },
          }),
      });
    },

    byNumber: (tenantId, projectId, number) => findByNumber(prisma, RISKS, tenantId, projectId, number),

    async list(tenantId, projectId, filter = {}) {
      const rows = await prisma.risk.findMany({
        where: { tenantId, projectId, ...(filter.status ? { status: filter.status } : {}) },
        orderBy: { number: "asc" },
      });
      return rows.map(toRisk);
    },

    update(scope, riskId, patch) {
      const { tenantId } = scope;
      return write(ctx, scope, (tx, audit) =>
        changeInTenant(tx, audit, RISKS, tenantId, riskId, riskAction, async (_row, before) => {
          await requireMember(tx, tenantId, patch.ownerId);
          return tx.risk.update({ where: { id: riskId, tenantId }, data: riskChanges(before, patch) });
        }),
      );
    },
  };
}

function riskChanges(current: Risk, patch: RiskPatch): Prisma.RiskUpdateInput {
  const data: Prisma.RiskUpdateInput = {};
  if (patch.title !== undefined) data.title = patch.title;
  if (patch.probability !== undefined) data.probability = patch.probability;
  if (patch.impact !== undefined) data.impact = patch.impact;
  if (patch.ownerId !== undefined) data.ownerId = patch.ownerId;
  if (patch.mitigation !== undefined) data.mitigation = patch.mitigation;
  if (patch.reviewDate !== undefined) data.reviewDate = patch.reviewDate;
  if (patch.status !== undefined && patch.status !== current.status) {
    data.status = patch.status;
    data.closedAt = patch.status === "closed" ? new Date() : null;
  }
  return data;
}
