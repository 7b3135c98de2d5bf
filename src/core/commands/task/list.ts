import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor, membersById, ref } from "../shared.js";
import type { Task, TaskFilter, TaskStatus } from "../../store.js";
import { contextLine, reply, table, text } from "../../views/reply.js";
import { isOverdue } from "../../messages/task.js";

const SHOWN = 40;
const WHICH = ["open", "overdue", "done", "all"] as const;
const STATUS_TEXT: Record<TaskStatus, string> = { todo: "to do", in_progress: "in progress", done: "done" };

/** Due date first (undated last), then number: what needs attention comes first. */
function byDueThenNumber(a: Task, b: Task): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate.localeCompare(b.dueDate);
  }
  return a.number - b.number;
}

export default projectCommand({
  path: ["task", "list"],
  effect: "read",
  summary: "List tasks: open (default), overdue, done or all; yours or someone's",
  examples: ["task list", "task list mine", "task list overdue", "task list @bob all"],
  params: [
    { at: "flag", name: "mine", label: "mine", words: ["mine"] },
    { at: "flag", name: "which", label: "which", words: WHICH },
    { at: "typed", name: "assignee", label: "user", type: "mention" },
  ],
  input: () =>
    z.object({
      mine: z.literal("mine").optional(),
      which: fields.choice(WHICH, "task filter").optional(),
      assignee: fields.mention().optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const today = ctx.env.today;
    const which = input.which ?? "open";
    const owner = input.assignee ? await memberFor(ctx, input.assignee) : input.mine ? ctx.user : null;

    const filter: TaskFilter = {};
    if (which === "open") filter.status = ["todo", "in_progress"];
    if (which === "done") filter.status = ["done"];
    if (which === "overdue") filter.dueBefore = today;
    if (owner) filter.assigneeId = owner.id;
    // The filter is applied again here so the list is right whatever the store's indexes do.
    const tasks = (await ctx.store.tasks.list(ctx.tenant, project.id, filter))
      .filter((t) => (which === "overdue" ? isOverdue(t, today) : filter.status ? filter.status.includes(t.status) : true))
      .filter((t) => !owner || t.assigneeId === owner.id)
      .sort(byDueThenNumber);

    const whose = owner ? (owner.id === ctx.user.id ? " assigned to you" : ` for ${at(owner)}`) : "";
    const label = `${which === "all" ? "" : `${which} `}tasks${whose}`;
    const title = label.charAt(0).toUpperCase() + label.slice(1);
    if (tasks.length === 0) {
      const hint =
        which === "overdue"
          ? "Nothing is overdue. 🎉"
          : which === "all"
            ? 'Add one with `task add "<title>" @user due <date>`.'
            : "`task list all` shows every task, done ones included.";
      return reply(`No ${label}`, [text(`No ${label} in ${project.name}.`), contextLine(hint)]);
    }

    const shown = tasks.slice(0, SHOWN);
    const who = await membersById(
      ctx,
      shown.map((t) => t.assigneeId),
    );
    const rows = shown.map((t) => [
      ref(t.number),
      t.title,
      STATUS_TEXT[t.status],
      t.assigneeId ? at(who.get(t.assigneeId)) : "—",
      t.dueDate ? `${t.dueDate}${isOverdue(t, today) ? " ⚠ overdue" : ""}` : "—",
    ]);
    const overdue = tasks.filter((t) => isOverdue(t, today)).length;
    const blocks = [table(["#", "Title", "Status", "Owner", "Due"], rows)];
    const facts = [`${tasks.length} ${tasks.length === 1 ? "task" : "tasks"}`];
    if (overdue && which !== "overdue") facts.push(`${overdue} overdue`);
    blocks.push(contextLine(facts.join(" · ")));
    if (tasks.length > SHOWN) {
      blocks.push(
        contextLine(
          `Showing ${SHOWN} of ${tasks.length}. Narrow it down with \`task list mine\`, \`task list overdue\` or \`task list @user\`.`,
        ),
      );
    }
    return reply(`${title}: ${tasks.length}${overdue && which !== "overdue" ? `, ${overdue} overdue` : ""}`, blocks);
  },
});
