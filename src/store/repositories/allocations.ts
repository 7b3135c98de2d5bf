import type { Allocation, Store } from "../../core/store.js";
import type { Allocation as AllocationRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { requireMember, requireProject } from "../guards.js";
import { write } from "../write.js";

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
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, input.memberId);
          const where = { projectId_memberId: { projectId, memberId: input.memberId }, tenantId };
          const previous = await tx.allocation.findUnique({ where });
          const values = { percent: input.percent, fromDate: input.fromDate ?? null, toDate: input.toDate ?? null };
          const allocation = toAllocation(
            await tx.allocation.upsert({ where, update: values, create: { tenantId, projectId, memberId: input.memberId, ...values } }),
          );
          await audit({
            action: "allocation.set",
            entity: "allocation",
            entityId: allocation.id,
            projectId,
            before: previous ? toAllocation(previous) : null,
            after: allocation,
          });
          return allocation;
        },
        // A concurrent first allocation of the same member: the retry updates the other's row.
        { retryOnUnique: true },
      );
    },

    async list(tenantId, projectId) {
      const rows = await prisma.allocation.findMany({ where: { tenantId, projectId }, orderBy: [{ percent: "desc" }, { memberId: "asc" }] });
      return rows.map(toAllocation);
    },

    async forMember(tenantId, memberId) {
      const rows = await prisma.allocation.findMany({ where: { tenantId, memberId }, orderBy: [{ projectId: "asc" }] });
      return rows.map(toAllocation);
    },
  };
}
