import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor, ref } from "../shared.js";
import { reply, text } from "../../views/reply.js";
import { taskLine } from "../../messages/task.js";
import { findTasks, refuseOthersTasks } from "../../lookups/task.js";

export default projectCommand({
  path: ["task", "assign"],
  summary: "Give a task to someone",
  examples: ["task assign #1 @carol"],
  formTitle: "Assign a task",
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #3" },
    { at: "typed", name: "assignee", label: "user", type: "mention", required: true },
  ],
  input: () => z.object({ id: fields.ref(), assignee: fields.mention() }),
  async run(ctx, input) {
    const found = await findTasks(ctx, [input.id]);
    if (!Array.isArray(found)) return found;
    const task = found[0]!;
    // Anyone may take an unassigned task for themselves; handing tasks to others is for their people and the project's runners.
    const refused = await refuseOthersTasks(ctx, [task], "reassign", input.assignee.id === ctx.user.platformUserId);
    if (refused) return refused;
    const [before, after] = await Promise.all([
      task.assigneeId ? ctx.store.members.get(ctx.tenant, task.assigneeId) : null,
      memberFor(ctx, input.assignee),
    ]);
    if (task.assigneeId === after.id) {
      return reply(`${ref(task.number)} is already assigned to ${at(after)}`, [
        text(`${ref(task.number)} ${task.title} is already assigned to ${at(after)}.`),
      ]);
    }
    const updated = await ctx.store.tasks.update(ctx.scope, task.id, { assigneeId: after.id });
    return reply(
      `${ref(task.number)} assigned to ${at(after)}`,
      [
        text(`Reassigned ${ref(task.number)} ${task.title}: ${before ? at(before) : "unassigned"} → ${at(after)}`),
        text(taskLine(updated, after, ctx.env.today)),
      ],
      "channel",
    );
  },
});
