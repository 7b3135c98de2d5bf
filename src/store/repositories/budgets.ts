/**
 * A project's budget in two layers: the baseline (Project.budgetTotal minus
 * the approved changes, and the BudgetLines with source "baseline") and the
 * approved change requests on top of it (BudgetLines with source
 * `change:<id>`, booked by `addChange` when a request is approved).
 * Project.budgetTotal is the current plan. `budget set <amount>` sets the
 * baseline: the approved changes stay on top, so it writes budgetTotal =
 * amount + their sum.
 */
import {
  COST_CATEGORIES,
  StoreConflict,
  type ApprovedBudgetChange,
  type Budget,
  type CostCategory,
  type Store,
  type TenantId,
} from "../../core/index.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";
import { refuseOverLimit } from "../money-limit.js";
import { changeNames, changeSource } from "../applied-change.js";

/** Planned amounts per category; lines added by change requests carry another source. */
const BASELINE = "baseline";
/** Source prefix of the line an approved change request added: `change:<change request id>`. */
const CHANGE_PREFIX = "change:";

const categoryOrder = (category: string) => {
  const index = (COST_CATEGORIES as readonly string[]).indexOf(category);
  return index < 0 ? COST_CATEGORIES.length : index;
};

/**
 * The project, its budget lines and the numbers of its approved change
 * requests (through the project's relations), in one query. Inside `set` the
 * project row is locked first, so total and lines are read consistently.
 */
async function readBudget(db: Tx, tenantId: TenantId, projectId: string): Promise<Budget> {
  const project = await db.project.findFirst({
    where: { id: projectId, tenantId },
    select: {
      budgetTotal: true,
      currency: true,
      contingencyPct: true,
      budgetLines: { where: { tenantId }, select: { category: true, amount: true, source: true } },
      changeRequests: { where: { tenantId, status: "approved" }, select: { id: true, number: true } },
    },
  });
  if (!project) throw notFound("Project");
  const numbers = new Map(project.changeRequests.map((c) => [c.id, c.number]));
  const lines = project.budgetLines
    .filter((line) => line.source === BASELINE)
    .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category))
    .map((line) => ({ category: line.category as CostCategory, amount: line.amount }));
  const changes: ApprovedBudgetChange[] = project.budgetLines
    .filter((line) => line.source.startsWith(CHANGE_PREFIX))
    .map((line) => {
      const changeId = line.source.slice(CHANGE_PREFIX.length);
      return { changeId, number: numbers.get(changeId) ?? null, category: line.category as CostCategory, amount: line.amount };
    })
    .sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) || a.changeId.localeCompare(b.changeId));
  const total = project.budgetTotal;
  const approved = changes.reduce((sum, c) => sum + c.amount, 0n);
  return {
    total,
    baseline: total === null ? null : total - approved,
    currency: project.currency,
    contingencyPct: project.contingencyPct,
    lines,
    changes,
  };
}

/**
 * Takes the project row's lock before reading (a no-op update): on PostgreSQL
 * an approval committing meanwhile is then either wholly seen or waits for
 * this write, so the baseline is never computed from a total and change lines
 * of different moments. SQLite writers are serialised by `write` already.
 */
async function lockProject(tx: Tx, tenantId: TenantId, projectId: string): Promise<void> {
  const { count } = await tx.project.updateMany({ where: { id: projectId, tenantId }, data: { tenantId } });
  if (count === 0) throw notFound("Project");
}

const sumOfChanges = (budget: Budget): bigint => budget.changes.reduce((sum, c) => sum + c.amount, 0n);

export function budgetsRepository(ctx: StoreContext): Store["budgets"] {
  return {
    get(tenantId, projectId) {
      return readBudget(ctx.prisma, tenantId, projectId);
    },

    set(scope, projectId, change) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        await lockProject(tx, tenantId, projectId);
        const before = await readBudget(tx, tenantId, projectId);
        const currency = change.currency !== undefined && change.currency !== before.currency ? change.currency : undefined;
        if (currency !== undefined) {
          // Amounts are never converted: recorded costs pin the currency.
          const cost = await tx.costEntry.findFirst({ where: { tenantId, projectId }, select: { id: true } });
          if (cost) {
            throw new StoreConflict(
              "currency-mismatch",
              `This project already has costs in ${before.currency}, so its currency can't change to ${currency}.`,
            );
          }
          if (before.changes.length > 0) {
            throw new StoreConflict(
              "currency-mismatch",
              `This project's budget already holds approved changes in ${before.currency}, so its currency can't change to ${currency}.`,
            );
          }
        }
        const currencyAfter = currency ?? before.currency;
        if (change.total !== undefined) refuseOverLimit(change.total + sumOfChanges(before), "the project's budget", currencyAfter);
        if (change.lines?.length) {
          // Lines named here replace the baseline's line of their category; the others stay.
          const planned = new Map(before.lines.map((line) => [line.category, line.amount]));
          for (const line of change.lines) planned.set(line.category, line.amount);
          refuseOverLimit(
            [...planned.values()].reduce((sum, amount) => sum + amount, 0n),
            "the project's budget lines",
            currencyAfter,
          );
        }
        if (change.total !== undefined || change.contingencyPct !== undefined || currency !== undefined) {
          await tx.project.update({
            where: { id: projectId, tenantId },
            data: {
              // The amount set is the baseline; approved changes stay on top of it.
              ...(change.total !== undefined ? { budgetTotal: change.total + sumOfChanges(before) } : {}),
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

    addChange(scope, projectId, booking) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        await lockProject(tx, tenantId, projectId);
        const project = await tx.project.findFirstOrThrow({
          where: { id: projectId, tenantId },
          select: { name: true, currency: true, budgetTotal: true },
        });
        refuseOverLimit(booking.total, `${project.name}'s budget`, project.currency);
        await tx.project.update({ where: { id: projectId, tenantId }, data: { budgetTotal: booking.total } });
        const line = { category: booking.category, amount: booking.amount, source: changeSource(booking.change.changeId) };
        await tx.budgetLine.create({ data: { tenantId, projectId, ...line } });
        await audit({
          action: "change.apply-budget",
          entity: "budget",
          entityId: projectId,
          projectId,
          before: { total: project.budgetTotal, currency: project.currency },
          after: { total: booking.total, currency: project.currency, line, ...changeNames(booking.change) },
        });
        return readBudget(tx, tenantId, projectId);
      });
    },
  };
}
