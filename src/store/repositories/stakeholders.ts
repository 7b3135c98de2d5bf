import type { Stakeholder, Store } from "../../core/index.js";
import type { Stakeholder as StakeholderRow } from "../../generated/sqlite/client.js";
import { setInProject } from "../audited.js";
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
      const { tenantId } = scope;
      const where = { projectId_memberId: { projectId, memberId: input.memberId }, tenantId };
      const update = {
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.approver !== undefined ? { approver: input.approver } : {}),
      };
      return setInProject(ctx, scope, projectId, {
        action: "stakeholder.add",
        entity: "stakeholder",
        toRecord: toStakeholder,
        check: (tx) => requireMember(tx, tenantId, input.memberId),
        find: (tx) => tx.stakeholder.findUnique({ where }),
        save: (tx) =>
          tx.stakeholder.upsert({
            where,
            update,
            create: { tenantId, projectId, memberId: input.memberId, role: input.role ?? null, approver: input.approver ?? false },
          }),
      });
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
