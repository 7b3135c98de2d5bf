import { COST_CATEGORIES, StoreConflict, type Budget, type CostCategory, type Store } from "../../core/store.js";
import type { TenantId } from "../../core/context.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";

/** Planned amounts per category; lines added by change requests carry another source. */
const BASELINE = "baseline";

const categoryOrder = (category: string) => {
  const index = (COST_CATEGORIES as readonly string[]).indexOf(category);
  return index < 0 ? COST_CATEGORIES.length : index;
};

async function readBudget(db: Tx, tenantId: TenantId, projectId: string): Promise<Budget> {
  const [project, lines] = await Promise.all([
    db.project.findFirst({ where: { id: projectId, tenantId }, select: { budgetTotal: true, currency: true, contingencyPct: true } }),
    db.budgetLine.findMany({ where: { tenantId, projectId, source: BASELINE }, select: { category: true, amount: true } }),
  ]);
  if (!project) throw notFound("Project");
  return {
    total: project.budgetTotal,
    currency: project.currency,
    contingencyPct: project.contingencyPct,
    lines: lines
      .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category))
      .map((line) => ({ category: line.category as CostCategory, amount: line.amount })),
  };
}

export function budgetsRepository(ctx: StoreContext): Store["budgets"] {
  return {
    get(tenantId, projectId) {
      return readBudget(ctx.prisma, tenantId, projectId);
    },

    set(scope, projectId, change) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const before = await readBudget(tx, tenantId, projectId);
        const currency = change.currency !== undefined && change.currency !== before.currency ? change.currency : undefined;
        if (currency !== undefined) {
          // Amounts are never converted: recorded costs pin the currency.
          const cost = await tx.costEntry.findFirst({ where: { tenantId, projectId }, select: { id: true } });
          if (cost) {
            throw new StoreConflict(
              "duplicate",
              `This project already has costs in ${before.currency}, so its currency can't change to ${currency}.`,
            );
          }
        }
        if (change.total !== undefined || change.contingencyPct !== undefined || currency !== undefined) {
          await tx.project.update({
            where: { id: projectId, tenantId },
            data: {
              ...(change.total !== undefined ? { budgetTotal: change.total } : {}),
              ...(change.contingencyPct !== undefined ? { contingencyPct: change.contingencyPct } : {}),
              ...(currency !== undefined ? { currency } : {}),
            },
          });
        }
        for (const line of change.lines ?? []) {
          await tx.budgetLine.upsert({
            where: { projectId_category_source: { projectId, category: line.category, source: BASELINE }, tenantId },
            update: { amount: line.amount },
            create: { tenantId, projectId, category: line.category, amount: line.amount, source: BASELINE },
          });
        }
        const after = await readBudget(tx, tenantId, projectId);
        await audit({ action: "budget.set", entity: "budget", entityId: projectId, projectId, before, after });
        return after;
      });
    },
  };
}
