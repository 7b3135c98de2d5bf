import type { Stakeholder, Store } from "../../core/store.js";
import type { Stakeholder as StakeholderRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { requireMember, requireProject } from "../guards.js";
import { write } from "../write.js";

export function toStakeholder(row: StakeholderRow): Stakeholder {
  return { id: row.id, projectId: row.projectId, memberId: row.memberId, role: row.role, approver: row.approver };
}

export function stakeholdersRepository(ctx: StoreContext): Store["stakeholders"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, input.memberId);
          const where = { projectId_memberId: { projectId, memberId: input.memberId }, tenantId };
          const previous = await tx.stakeholder.findUnique({ where });
          const update = {
            ...(input.role !== undefined ? { role: input.role } : {}),
            ...(input.approver !== undefined ? { approver: input.approver } : {}),
          };
          const stakeholder = toStakeholder(
            await tx.stakeholder.upsert({
              where,
              update,
              create: { tenantId, projectId, memberId: input.memberId, role: input.role ?? null, approver: input.approver ?? false },
            }),
          );
          await audit({
            action: "stakeholder.add",
            entity: "stakeholder",
            entityId: stakeholder.id,
            projectId,
            before: previous ? toStakeholder(previous) : null,
            after: stakeholder,
          });
          return stakeholder;
        },
        { retryOnUnique: true },
      );
    },

    async list(tenantId, projectId) {
      const rows = await prisma.stakeholder.findMany({ where: { tenantId, projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toStakeholder);
    },

    remove(scope, projectId, memberId) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        await requireProject(tx, tenantId, projectId);
        const row = await tx.stakeholder.findFirst({ where: { tenantId, projectId, memberId } });
        if (!row) return false;
        await tx.stakeholder.delete({ where: { id: row.id, tenantId } });
        await audit({ action: "stakeholder.remove", entity: "stakeholder", entityId: row.id, projectId, before: toStakeholder(row) });
        return true;
      });
    },
  };
}
