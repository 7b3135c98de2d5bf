import { projectCommand } from "../define.js";
import type { Task } from "../../store.js";
import { membersById, ref } from "../shared.js";
import { contextLine, list, reply, text } from "../../views/reply.js";
import { findTasks, refsInput, refuseOthersTasks } from "../../lookups/task.js";
import { taskLine } from "../../messages/task.js";

export default projectCommand({
  path: ["task", "done"],
  summary: "Mark tasks done",
  examples: ["task done #1", "task done #2 #3"],
  formTitle: "Mark a task done",
  params: [{ at: "typed", name: "ids", label: "#id", type: "ref", required: true, multiple: true, hint: "e.g. #3" }],
  input: refsInput,
  async run(ctx, input) {
    const tasks = await findTasks(ctx, input.ids);
    if (!Array.isArray(tasks)) return tasks;
    const refused = await refuseOthersTasks(ctx, tasks, "complete");
    if (refused) return refused;
    const today = ctx.env.today;
    const already = tasks.filter((t) => t.status === "done");
    const todo = tasks.filter((t) => t.status !== "done");
    const done = todo.length
      ? await ctx.store.tasks.updateMany(
          ctx.scope,
          todo.map((t) => t.id),
          { status: "done" },
        )
      : [];
    const who = await membersById(
      ctx,
      tasks.map((t) => t.assigneeId),
    );
    const line = (t: Task) => taskLine(t, t.assigneeId ? who.get(t.assigneeId) : null, today);
    const note = already.length
      ? `${already.map((t) => ref(t.number)).join(", ")} ${already.length === 1 ? "was" : "were"} already done.`
      : "";

    if (done.length === 0) return reply(note, [text(note), list(already.map(line))]);
    const open = (await ctx.store.tasks.list(ctx.tenant, ctx.project.id, { status: ["todo", "in_progress"] })).length;
    const blocks = [text(done.length === 1 ? `✓ Done: ${line(done[0]!)}` : "✓ Done:")];
    if (done.length > 1) blocks.push(list(done.map(line)));
    if (note) blocks.push(contextLine(note));
    blocks.push(
      contextLine(
        open === 0
          ? `No open tasks left in ${ctx.project.name}.`
          : `${open} open ${open === 1 ? "task" : "tasks"} left in ${ctx.project.name}.`,
      ),
    );
    const summary =
      done.length === 1 ? `Done: ${ref(done[0]!.number)} ${done[0]!.title}` : `Done: ${done.map((t) => ref(t.number)).join(", ")}`;
    return reply(summary, blocks, "channel");
  },
});
