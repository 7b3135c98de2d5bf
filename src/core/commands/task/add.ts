import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { memberFor, ref } from "../shared.js";
import { actions, contextLine, rejection, reply, text } from "../../views/reply.js";
import { isOverdue, taskButtons, taskLine } from "../../messages/task.js";

export default projectCommand({
  path: ["task", "add"],
  summary: "Add a task, optionally assigned, with a due date, an estimate and a parent task",
  examples: [
    "task add Fix login bug @bob due fri est 4h",
    'task add "Plan the due date review" due 2026-03-20',
    "task add Write tests under #1 est 2d",
  ],
  formTitle: "New task",
  notes: ["Quotes keep words such as `due` or `under` in the title."],
  params: [
    { at: "rest", name: "title", label: "title", required: true },
    { at: "typed", name: "assignee", label: "assignee", type: "mention" },
    { at: "keyword", name: "due", keywords: ["due"], type: "date", label: "date" },
    { at: "keyword", name: "estimate", keywords: ["est"], type: "estimate", label: "estimate", hint: "4h, 2d or 1.5d" },
    { at: "keyword", name: "parent", keywords: ["under"], type: "ref", label: "#id", hint: "The parent task, e.g. #3" },
  ],
  input: (env) =>
    z.object({
      title: fields.text("title"),
      assignee: fields.mention().optional(),
      due: fields.date(env).optional(),
      estimate: fields.estimate().optional(),
      parent: fields.ref().optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const parent = input.parent === undefined ? null : await ctx.store.tasks.byNumber(ctx.tenant, project.id, input.parent);
    if (input.parent !== undefined && !parent) {
      return rejection(`There is no task ${ref(input.parent)} in ${project.name} to put this task under.`, [
        text(`There is no task ${ref(input.parent)} in ${project.name} to put this task under.`),
        contextLine("`task list all` shows every task with its number."),
      ]);
    }
    const assignee = input.assignee ? await memberFor(ctx, input.assignee) : null;
    const task = await ctx.store.tasks.add(ctx.scope, project.id, {
      title: input.title,
      assigneeId: assignee?.id ?? null,
      dueDate: input.due ?? null,
      estimateHours: input.estimate ?? null,
      parentId: parent?.id ?? null,
    });
    const blocks = [text(`Added task ${taskLine(task, assignee, ctx.env.today)}`)];
    const extras = [
      task.estimateHours !== null ? `estimate ${task.estimateHours}h` : "",
      parent ? `under ${ref(parent.number)} ${parent.title}` : "",
    ].filter(Boolean);
    if (extras.length) blocks.push(contextLine(extras.join(" · ")));
    if (isOverdue(task, ctx.env.today))
      blocks.push(contextLine("The due date has already passed, so this task is overdue from the start."));
    blocks.push(actions(taskButtons(task)));
    return reply(`Added task ${ref(task.number)} ${task.title}`, blocks, "channel");
  },
});
