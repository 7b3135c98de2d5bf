import type { Milestone, Store } from "../../core/store.js";
import type { Milestone as MilestoneRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { notFound } from "../errors.js";
import { nextNumber, requireProject } from "../guards.js";
import { write } from "../write.js";

export function toMilestone(row: MilestoneRow): Milestone {
  return { id: row.id, projectId: row.projectId, number: row.number, name: row.name, dueDate: row.dueDate, doneAt: row.doneAt };
}

export function milestonesRepository(ctx: StoreContext): Store["milestones"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          const { _max } = await tx.milestone.aggregate({ where: { tenantId, projectId }, _max: { number: true } });
          const milestone = toMilestone(
            await tx.milestone.create({
              data: { tenantId, projectId, number: nextNumber(_max.number), name: input.name, dueDate: input.dueDate },
            }),
          );
          await audit({ action: "milestone.add", entity: "milestone", entityId: milestone.id, projectId, after: milestone });
          return milestone;
        },
        { retryOnUnique: true },
      );
    },

    async byNumber(tenantId, projectId, number) {
      const row = await prisma.milestone.findFirst({ where: { tenantId, projectId, number } });
      return row ? toMilestone(row) : null;
    },

    async list(tenantId, projectId) {
      const rows = await prisma.milestone.findMany({ where: { tenantId, projectId }, orderBy: [{ dueDate: "asc" }, { number: "asc" }] });
      return rows.map(toMilestone);
    },

    markDone(scope, milestoneId, at) {
      return write(ctx, scope, async (tx, audit) => {
        const row = await tx.milestone.findFirst({ where: { id: milestoneId, tenantId: scope.tenantId } });
        if (!row) throw notFound("Milestone");
        const before = toMilestone(row);
        const after = toMilestone(
          await tx.milestone.update({ where: { id: milestoneId, tenantId: scope.tenantId }, data: { doneAt: at } }),
        );
        await audit({ action: "milestone.done", entity: "milestone", entityId: milestoneId, projectId: row.projectId, before, after });
        return after;
      });
    },
  };
}
