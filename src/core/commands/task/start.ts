import { projectCommand } from "../define.js";
import { membersById, ref } from "../shared.js";
import type { Task } from "../../store.js";
import { actions, contextLine, list, reply, text } from "../../views/reply.js";
import { taskButtons, taskLine } from "../../messages/task.js";
import { findTasks, refsInput, refuseOthersTasks } from "../../lookups/task.js";

export default projectCommand({
  path: ["task", "start"],
  summary: "Mark tasks in progress (a done task is reopened)",
  examples: ["task start #2", "task start #1 #3"],
  formTitle: "Start a task",
  params: [{ at: "typed", name: "ids", label: "#id", type: "ref", required: true, multiple: true, hint: "e.g. #3" }],
  input: refsInput,
  async run(ctx, input) {
    const tasks = await findTasks(ctx, input.ids);
    if (!Array.isArray(tasks)) return tasks;
    const refused = await refuseOthersTasks(ctx, tasks, "start", true);
    if (refused) return refused;
    const today = ctx.env.today;
    const already = tasks.filter((t) => t.status === "in_progress");
    const reopened = tasks.filter((t) => t.status === "done").map((t) => t.number);
    const toStart = tasks.filter((t) => t.status !== "in_progress").map((t) => t.id);
    const started = toStart.length ? await ctx.store.tasks.updateMany(ctx.scope, toStart, { status: "in_progress" }) : [];
    const who = await membersById(
      ctx,
      tasks.map((t) => t.assigneeId),
    );
    const line = (t: Task) => taskLine(t, t.assigneeId ? who.get(t.assigneeId) : null, today);
    const note = already.length
      ? `${already.map((t) => ref(t.number)).join(", ")} ${already.length === 1 ? "was" : "were"} already in progress.`
      : "";

    if (started.length === 0) return reply(note, [text(note), list(already.map(line))]);
    const blocks = [text(started.length === 1 ? `▶ Started: ${line(started[0]!)}` : "▶ Started:")];
    if (started.length > 1) blocks.push(list(started.map(line)));
    if (reopened.length)
      blocks.push(contextLine(`Reopened ${reopened.map(ref).join(", ")}: ${reopened.length === 1 ? "it was" : "they were"} done.`));
    if (note) blocks.push(contextLine(note));
    blocks.push(
      actions(
        started
          .slice(0, 5)
          .flatMap(taskButtons)
          .map((b) => (started.length > 1 ? { ...b, label: `${b.label} ${b.command.split(" ").pop()}` } : b)),
      ),
    );
    const summary =
      started.length === 1
        ? `Started ${ref(started[0]!.number)} ${started[0]!.title}`
        : `Started ${started.map((t) => ref(t.number)).join(", ")}`;
    return reply(summary, blocks, "channel");
  },
});
