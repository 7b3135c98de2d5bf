import type { Store, Task, TaskPatch, TaskStatus } from "../../core/index.js";
import type { Prisma, Task as TaskRow } from "../../generated/sqlite/client.js";
import { changeInTenant } from "../audited.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { requireMember, requireProject } from "../guards.js";
import { addNumbered, findByNumber, type NumberedKind } from "../numbered.js";
import { write, type Audit } from "../write.js";

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    title: row.title,
    status: row.status as TaskStatus,
    assigneeId: row.assigneeId,
    dueDate: row.dueDate,
    estimateHours: row.estimateHours,
    parentId: row.parentId,
    createdById: row.createdById,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}

const TASKS: NumberedKind<TaskRow, Task> = { entity: "task", noun: "Task", table: (db) => db.task, toRecord: toTask };

export function tasksRepository(ctx: StoreContext): Store["tasks"] {
  const { prisma } = ctx;
  return {
    add(scope, projectId, input) {
      const { tenantId } = scope;
      return addNumbered(ctx, scope, projectId, TASKS, {
        async check(tx) {
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, input.assigneeId);
          if (input.parentId) {
            const parent = await tx.task.findFirst({ where: { id: input.parentId, tenantId, projectId }, select: { id: true } });
            if (!parent) throw notFound("Parent task");
          }
        },
        create: (tx, number) =>
          tx.task.create({
            data: {
              tenantId,
              projectId,
              number,
              title: input.title,
              assigneeId: input.assigneeId ?? null,
              dueDate: input.dueDate ?? null,
              estimateHours: input.estimateHours ?? null,
              parentId: input.parentId ?? null,
              createdById: scope.actorId,
            },
          }),
      });
    },

    byNumber: (tenantId, projectId, number) => findByNumber(prisma, TASKS, tenantId, projectId, number),

    async list(tenantId, projectId, filter = {}) {
      const and: Prisma.TaskWhereInput[] = [{ tenantId, projectId }];
      if (filter.status?.length) and.push({ status: { in: filter.status } });
      if (filter.assigneeId !== undefined) and.push({ assigneeId: filter.assigneeId });
      if (filter.dueBefore !== undefined) and.push({ dueDate: { lt: filter.dueBefore }, status: { not: "done" } });
      const rows = await prisma.task.findMany({ where: { AND: and }, orderBy: { number: "asc" } });
      return rows.map(toTask);
    },

    async update(scope, taskId, patch) {
      const [task] = await write(ctx, scope, (tx, audit) => updateTasks(tx, audit, scope.tenantId, [taskId], patch));
      return task!;
    },

    updateMany(scope, taskIds, patch) {
      return write(ctx, scope, (tx, audit) => updateTasks(tx, audit, scope.tenantId, taskIds, patch));
    },
  };
}

async function updateTasks(tx: Tx, audit: Audit, tenantId: string, taskIds: string[], patch: TaskPatch): Promise<Task[]> {
  await requireMember(tx, tenantId, patch.assigneeId);
  const updated: Task[] = [];
  for (const taskId of taskIds) {
    updated.push(
      await changeInTenant(tx, audit, TASKS, tenantId, taskId, "task.update", (_row, before) =>
        tx.task.update({ where: { id: taskId, tenantId }, data: taskChanges(before, patch) }),
      ),
    );
  }
  return updated;
}

function taskChanges(current: Task, patch: TaskPatch): Prisma.TaskUpdateInput {
  const data: Prisma.TaskUpdateInput = {};
  if (patch.title !== undefined) data.title = patch.title;
  if (patch.assigneeId !== undefined) data.assigneeId = patch.assigneeId;
  if (patch.dueDate !== undefined) data.dueDate = patch.dueDate;
  if (patch.estimateHours !== undefined) data.estimateHours = patch.estimateHours;
  if (patch.status !== undefined && patch.status !== current.status) {
    data.status = patch.status;
    data.completedAt = patch.status === "done" ? new Date() : null;
  }
  return data;
}
