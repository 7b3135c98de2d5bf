import { randomBytes } from "node:crypto";
import { COST_CATEGORIES, type CostCategory, type CostEntry, type CostTotals, type ImportedCost, type Store } from "../../core/index.js";
import type { CostEntry as CostRow, Prisma } from "../../generated/sqlite/client.js";
import { changeInTenant, findInTenant } from "../audited.js";
import type { StoreContext, Tx } from "../client.js";
import { nextNumber } from "../guards.js";
import { toAuditJson } from "../json.js";
import { costSumsByCategory, costTotal, lockProjectMoney, refuseOverLimit } from "../money-limit.js";
import { addNumbered, findByNumber, type NumberedKind } from "../numbered.js";
import { write } from "../write.js";
import { insertRows } from "../bulk-insert.js";

export function toCost(row: CostRow): CostEntry {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number ?? 0,
    amount: row.amount,
    currency: row.currency,
    category: row.category as CostCategory,
    note: row.note,
    incurredOn: row.incurredOn,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

/** Rows per statement: well inside SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 500;

/**
 * The import's transaction limit: the client's 20 s for a small file, plus
 * 2 ms a row (a 100,000-row import may take 220 s on a slow disk), so a
 * large file is not cut off by a limit meant for a single command.
 */
export const importTimeoutMs = (rows: number): number => 20_000 + rows * 2;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Fresh ids for imported costs that sort in the order given (cuid-shaped:
 * time, sequence, randomness), so costs of the same date and time list in
 * file order, as the export wrote them.
 */
function orderedIds(count: number): string[] {
  const time = Date.now().toString(36).padStart(9, "0");
  const salt = randomBytes(4).toString("hex");
  return Array.from({ length: count }, (_, i) => `c${time}${i.toString(36).padStart(6, "0")}${salt}`);
}

/** Member ids of the people the imported costs name as their loggers, created in the tenant when unknown there. */
async function loggersOf(tx: Tx, tenantId: string, costs: readonly ImportedCost[]): Promise<Map<string, string>> {
  const wanted = new Map<string, string | null | undefined>();
  for (const cost of costs)
    if (cost.loggedBy) wanted.set(cost.loggedBy.platformUserId, wanted.get(cost.loggedBy.platformUserId) ?? cost.loggedBy.name);
  const ids = new Map<string, string>();
  if (wanted.size === 0) return ids;
  for (const batch of chunks([...wanted.keys()], BATCH)) {
    const rows = await tx.member.findMany({
      where: { tenantId, platformUserId: { in: batch } },
      select: { id: true, platformUserId: true },
    });
    for (const row of rows) ids.set(row.platformUserId, row.id);
  }
  for (const [platformUserId, name] of wanted) {
    if (ids.has(platformUserId)) continue;
    const row = await tx.member.create({ data: { tenantId, platformUserId, name: name || platformUserId }, select: { id: true } });
    ids.set(platformUserId, row.id);
  }
  return ids;
}

const COSTS: NumberedKind<CostRow, CostEntry> = { entity: "cost", noun: "Cost", table: (db) => db.costEntry, toRecord: toCost };

function isCategory(value: string): value is CostCategory {
  return (COST_CATEGORIES as readonly string[]).includes(value);
}

export function costsRepository(ctx: StoreContext): Store["costs"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      return addNumbered(ctx, scope, projectId, COSTS, {
        // Takes the project's lock before the number is read: concurrent costs queue instead of colliding.
        async check(tx) {
          const project = await lockProjectMoney(tx, scope.tenantId, projectId);
          refuseOverLimit((await costTotal(tx, scope.tenantId, projectId)) + input.amount, `${project.name}'s costs`, project.currency);
        },
        create: (tx, number) =>
          tx.costEntry.create({
            data: {
              tenantId: scope.tenantId,
              projectId,
              number,
              amount: input.amount,
              currency: input.currency,
              category: input.category,
              note: input.note ?? null,
              incurredOn: input.incurredOn,
              createdById: scope.actorId,
            },
          }),
      });
    },

    addMany(scope, projectId, inputs) {
      return write(
        ctx,
        scope,
        async (tx) => {
          // Row-locks the project (PostgreSQL), so two imports of one file cannot both find an id absent and add it twice,
          // and two writers cannot both find room under the money limit.
          const project = await lockProjectMoney(tx, scope.tenantId, projectId);
          const givenIds = [...new Set(inputs.map((c) => c.id).filter((id): id is string => !!id))];
          const present = new Set<string>();
          for (const ids of chunks(givenIds, BATCH)) {
            const rows = await tx.costEntry.findMany({
              where: { tenantId: scope.tenantId, projectId, id: { in: ids } },
              select: { id: true },
            });
            for (const row of rows) present.add(row.id);
          }
          const fresh = inputs.filter((c) => !c.id || !present.has(c.id));
          const adding = fresh.reduce((sum, c) => sum + c.amount, 0n);
          refuseOverLimit((await costTotal(tx, scope.tenantId, projectId)) + adding, `${project.name}'s costs`, project.currency);
          const loggers = await loggersOf(tx, scope.tenantId, fresh);
          const now = new Date();
          const ids = orderedIds(fresh.length);
          const { _max } = await tx.costEntry.aggregate({ where: { tenantId: scope.tenantId, projectId }, _max: { number: true } });
          const first = nextNumber(_max.number);
          const added: CostEntry[] = fresh.map((input, i) => ({
            id: ids[i]!,
            projectId,
            number: first + i,
            amount: input.amount,
            currency: input.currency,
            category: input.category,
            note: input.note ?? null,
            incurredOn: input.incurredOn,
            createdById: input.loggedBy ? loggers.get(input.loggedBy.platformUserId)! : scope.actorId,
            createdAt: input.loggedAt ?? now,
          }));
          await insertRows(
            tx,
            ctx.provider,
            "CostEntry",
            ["id", "tenantId", "projectId", "number", "amount", "currency", "category", "note", "incurredOn", "createdById", "createdAt"],
            added.map((c) => [
              c.id,
              scope.tenantId,
              projectId,
              c.number,
              c.amount,
              c.currency,
              c.category,
              c.note,
              c.incurredOn,
              c.createdById,
              c.createdAt,
            ]),
          );
          const auditIds = orderedIds(added.length);
          await insertRows(
            tx,
            ctx.provider,
            "AuditEvent",
            ["id", "tenantId", "actorId", "projectId", "action", "entity", "entityId", "after", "at"],
            added.map((c, i) => [auditIds[i], scope.tenantId, scope.actorId, projectId, "cost.import", "cost", c.id, toAuditJson(c), now]),
          );
          return { added, existing: givenIds.filter((id) => present.has(id)) };
        },
        // Someone else created one of the loggers meanwhile: run again, which finds them.
        { retryOnUnique: true, timeoutMs: importTimeoutMs(inputs.length) },
      );
    },

    byNumber: (tenantId, projectId, number) => findByNumber(prisma, COSTS, tenantId, projectId, number),

    update(scope, costId, patch) {
      return write(ctx, scope, (tx, audit) =>
        changeInTenant(tx, audit, COSTS, scope.tenantId, costId, "cost.update", async (row) => {
          if (patch.amount !== undefined && patch.amount > row.amount) {
            const project = await lockProjectMoney(tx, scope.tenantId, row.projectId);
            const total = (await costTotal(tx, scope.tenantId, row.projectId)) - row.amount + patch.amount;
            refuseOverLimit(total, `${project.name}'s costs`, project.currency);
          }
          return tx.costEntry.update({ where: { id: row.id }, data: patch });
        }),
      );
    },

    remove(scope, costId) {
      return write(ctx, scope, async (tx, audit) => {
        const row = await findInTenant(tx, COSTS, scope.tenantId, costId);
        await tx.costEntry.delete({ where: { id: row.id } });
        const cost = toCost(row);
        await audit({ action: "cost.delete", entity: "cost", entityId: row.id, projectId: row.projectId, before: cost });
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
      const sums = await costSumsByCategory(prisma, tenantId, projectId);
      const byCategory: CostTotals["byCategory"] = {};
      for (const sum of sums) if (isCategory(sum.category)) byCategory[sum.category] = sum.total;
      const dates = sums
        .flatMap((s) => [s.firstOn, s.lastOn])
        .filter((d): d is string => d !== null)
        .sort();
      return {
        total: sums.reduce((total, s) => total + s.total, 0n),
        count: sums.reduce((count, s) => count + s.count, 0),
        byCategory,
        firstOn: dates[0] ?? null,
        lastOn: dates.at(-1) ?? null,
      };
    },
  };
}
