/** Finding tasks by the #numbers typed, all or nothing. */
import { z } from "zod";
import type { ProjectCommandContext } from "../commands/define.js";
import { fields } from "../commands/fields.js";
import type { Task } from "../store.js";
import { contextLine, rejection, text, type Reply } from "../views/reply.js";
import { ref } from "../commands/shared.js";
import { mayChange, refusal } from "../authorization.js";

const joinRefs = (numbers: number[]) => numbers.map(ref).join(numbers.length > 2 ? ", " : " or ");

/** The tasks numbered, in the order typed, or a rejection naming every unknown number (nothing is written then). */
export async function findTasks(ctx: ProjectCommandContext, numbers: number[]): Promise<Task[] | Reply> {
  const unique = [...new Set(numbers)];
  const found = await Promise.all(unique.map((n) => ctx.store.tasks.byNumber(ctx.tenant, ctx.project.id, n)));
  const missing = unique.filter((_, i) => !found[i]);
  if (missing.length) {
    const message = `There is no task ${joinRefs(missing)} in ${ctx.project.name}.`;
    return rejection(message, [text(message), contextLine("`task list all` shows every task with its number.")]);
  }
  return found as Task[];
}

/** #ids typed one or more times (`task done #3 #4`); a form sends them space- or comma-separated. */
export const refsInput = () =>
  z.object({
    ids: z.array(z.string()).min(1, { error: "Name a task, like #3." }).pipe(fields.refs()),
  });

/**
 * The acting member may change tasks they added or are assigned; whoever runs
 * the project may change any. `pickUp` also lets anyone take an unassigned
 * task (start it, assign it to themselves). A refusal names the tasks.
 */
export async function refuseOthersTasks(
  ctx: ProjectCommandContext,
  tasks: readonly Task[],
  action: string,
  pickUp = false,
): Promise<Reply | null> {
  const others = tasks.filter((t) => !(mayChange(ctx, ctx.authority, [t.createdById, t.assigneeId]) || (pickUp && t.assigneeId === null)));
  if (others.length === 0) return null;
  return refusal(ctx, ctx.project, ctx.authority, "manager", `${action} other people's tasks (${joinRefs(others.map((t) => t.number))})`);
}
