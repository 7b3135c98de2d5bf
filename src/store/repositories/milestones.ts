import type { Milestone, Store } from "../../core/index.js";
import type { Milestone as MilestoneRow } from "../../generated/sqlite/client.js";
import { changeInTenant } from "../audited.js";
import type { StoreContext } from "../client.js";
import { requireProject } from "../guards.js";
import { addNumbered, findByNumber, type NumberedKind } from "../numbered.js";
import { write } from "../write.js";

export function toMilestone(row: MilestoneRow): Milestone {
  return { id: row.id, projectId: row.projectId, number: row.number, name: row.name, dueDate: row.dueDate, doneAt: row.doneAt };
}

const MILESTONES: NumberedKind<MilestoneRow, Milestone> = {
  entity: "milestone",
  noun: "Milestone",
  table: (db) => db.milestone,
  toRecord: toMilestone,
};

export function milestonesRepository(ctx: StoreContext): Store["milestones"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      const { tenantId } = scope;
      return addNumbered(ctx, scope, projectId, MILESTONES, {
        check: (tx) => requireProject(tx, tenantId, projectId),
        create: (tx, number) => tx.milestone.create({ data: { tenantId, projectId, number, name: input.name, dueDate: input.dueDate } }),
      });
    },

    byNumber: (tenantId, projectId, number) => findByNumber(prisma, MILESTONES, tenantId, projectId, number),

    async list(tenantId, projectId) {
      const rows = await prisma.milestone.findMany({ where: { tenantId, projectId }, orderBy: [{ dueDate: "asc" }, { number: "asc" }] });
      return rows.map(toMilestone);
    },

    markDone(scope, milestoneId, at) {
      return write(ctx, scope, (tx, audit) =>
        changeInTenant(tx, audit, MILESTONES, scope.tenantId, milestoneId, "milestone.done", () =>
          tx.milestone.update({ where: { id: milestoneId, tenantId: scope.tenantId }, data: { doneAt: at } }),
        ),
      );
    },
  };
}
