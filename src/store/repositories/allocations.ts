import type { Allocation, Store } from "../../core/index.js";
import type { Allocation as AllocationRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { setInProject } from "../audited.js";
import { requireMember } from "../guards.js";

export function toAllocation(row: AllocationRow): Allocation {
  return {
    id: row.id,
    projectId: row.projectId,
    memberId: row.memberId,
    percent: row.percent,
    fromDate: row.fromDate,
    toDate: row.toDate,
  };
}

export function allocationsRepository(ctx: StoreContext): Store["allocations"] {
  const { prisma } = ctx;
  return {
    allocate(scope, projectId, input) {
      const { tenantId } = scope;
      const where = { projectId_memberId: { projectId, memberId: input.memberId }, tenantId };
      const values = { percent: input.percent, fromDate: input.fromDate ?? null, toDate: input.toDate ?? null };
      return setInProject(ctx, scope, projectId, {
        action: "allocation.set",
        entity: "allocation",
        toRecord: toAllocation,
        check: (tx) => requireMember(tx, tenantId, input.memberId),
        find: (tx) => tx.allocation.findUnique({ where }),
        save: (tx) => tx.allocation.upsert({ where, update: values, create: { tenantId, projectId, memberId: input.memberId, ...values } }),
      });
    },

    async list(tenantId, projectId) {
      const rows = await prisma.allocation.findMany({
        where: { tenantId, projectId },
        orderBy: [{ percent: "desc" }, { memberId: "asc" }],
      });
      return rows.map(toAllocation);
    },

    async forMember(tenantId, memberId) {
      const rows = await prisma.allocation.findMany({ where: { tenantId, memberId }, orderBy: [{ projectId: "asc" }] });
      return rows.map(toAllocation);
    },
  };
}
