import type { Risk, RiskPatch, RiskStatus, Store } from "../../core/store.js";
import type { Prisma, Risk as RiskRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { notFound } from "../errors.js";
import { nextNumber, requireMember, requireProject } from "../guards.js";
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

export function risksRepository(ctx: StoreContext): Store["risks"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, input.ownerId);
          const { _max } = await tx.risk.aggregate({ where: { tenantId, projectId }, _max: { number: true } });
          const risk = toRisk(
            await tx.risk.create({
              data: {
                tenantId,
                projectId,
                number: nextNumber(_max.number),
                title: input.title,
                probability: input.probability,
                impact: input.impact,
                ownerId: input.ownerId ?? null,
                mitigation: input.mitigation ?? null,
                reviewDate: input.reviewDate ?? null,
              },
            }),
          );
          await audit({ action: "risk.add", entity: "risk", entityId: risk.id, projectId, after: risk });
          return risk;
        },
        { retryOnUnique: true },
      );
    },

    async byNumber(tenantId, projectId, number) {
      const row = await prisma.risk.findFirst({ where: { tenantId, projectId, number } });
      return row ? toRisk(row) : null;
    },

    async list(tenantId, projectId, filter = {}) {
      const rows = await prisma.risk.findMany({
        where: { tenantId, projectId, ...(filter.status ? { status: filter.status } : {}) },
        orderBy: { number: "asc" },
      });
      return rows.map(toRisk);
    },

    update(scope, riskId, patch) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const row = await tx.risk.findFirst({ where: { id: riskId, tenantId } });
        if (!row) throw notFound("Risk");
        await requireMember(tx, tenantId, patch.ownerId);
        const before = toRisk(row);
        const after = toRisk(await tx.risk.update({ where: { id: riskId, tenantId }, data: riskChanges(before, patch) }));
        const action = patch.status === "closed" && before.status !== "closed" ? "risk.close" : "risk.update";
        await audit({ action, entity: "risk", entityId: riskId, projectId: row.projectId, before, after });
        return after;
      });
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
