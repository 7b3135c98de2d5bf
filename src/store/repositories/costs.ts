import { COST_CATEGORIES, type CostCategory, type CostEntry, type CostTotals, type Store } from "../../core/store.js";
import type { CostEntry as CostRow, Prisma } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { requireProject } from "../guards.js";
import { write } from "../write.js";

export function toCost(row: CostRow): CostEntry {
  return {
    id: row.id,
    projectId: row.projectId,
    amount: row.amount,
    currency: row.currency,
    category: row.category as CostCategory,
    note: row.note,
    incurredOn: row.incurredOn,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

function isCategory(value: string): value is CostCategory {
  return (COST_CATEGORIES as readonly string[]).includes(value);
}

export function costsRepository(ctx: StoreContext): Store["costs"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      return write(ctx, scope, async (tx, audit) => {
        await requireProject(tx, scope.tenantId, projectId);
        const cost = toCost(
          await tx.costEntry.create({
            data: {
              tenantId: scope.tenantId,
              projectId,
              amount: input.amount,
              currency: input.currency,
              category: input.category,
              note: input.note ?? null,
              incurredOn: input.incurredOn,
              createdById: scope.actorId,
            },
          }),
        );
        await audit({ action: "cost.add", entity: "cost", entityId: cost.id, projectId, after: cost });
        return cost;
      });
    },

    async list(tenantId, projectId, range = {}) {
      const incurredOn: Prisma.StringFilter = {};
      if (range.from !== undefined) incurredOn.gte = range.from;
      if (range.to !== undefined) incurredOn.lte = range.to;
      const rows = await prisma.costEntry.findMany({
        where: { tenantId, projectId, incurredOn },
        orderBy: [{ incurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      });
      return rows.map(toCost);
    },

    async totals(tenantId, projectId) {
      const where = { tenantId, projectId };
      const [all, perCategory] = await Promise.all([
        prisma.costEntry.aggregate({
          where,
          _sum: { amount: true },
          _count: { _all: true },
          _min: { incurredOn: true },
          _max: { incurredOn: true },
        }),
        prisma.costEntry.groupBy({ by: ["category"], where, _sum: { amount: true } }),
      ]);
      const byCategory: CostTotals["byCategory"] = {};
      for (const group of perCategory) {
        if (isCategory(group.category)) byCategory[group.category] = group._sum.amount ?? 0n;
      }
      return {
        total: all._sum.amount ?? 0n,
        count: all._count._all,
        byCategory,
        firstOn: all._min.incurredOn,
        lastOn: all._max.incurredOn,
      };
    },
  };
}
