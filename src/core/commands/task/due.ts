import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { ref } from "../shared.js";
import { formatDate, relativeDue } from "../../domain/dates.js";
import { parseDate } from "../../grammar/values.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { isOverdue } from "../../messages/task.js";
import { findTasks, refuseOthersTasks } from "../../lookups/task.js";

const CLEAR = ["none", "clear"] as const;
const shownDate = (iso: string | null) => (iso ? formatDate(iso) : "no due date");

export default projectCommand({
  path: ["task", "due"],
  summary: "Set or move a task's due date (`none` clears it)",
  examples: ["task due #1 +1w", "task due #3 2026-03-20", "task due #2 none"],
  formTitle: "Change a due date",
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #3" },
    // A slot, not a typed date, so `fri` and `+1m` (which could be title words elsewhere) are read as dates here.
    { at: "slot", name: "due", label: "date", type: "date", required: true },
  ],
  input: (env) =>
    z.object({
      id: fields.ref(),
      due: z.string().transform((word, c): string | null => {
        if ((CLEAR as readonly string[]).includes(word.trim().toLowerCase())) return null;
        const parsed = parseDate(word, { today: env.today });
        if (parsed.ok) return parsed.value;
        c.addIssue({ code: "custom", message: `${parsed.message} Or \`none\` to clear it.` });
        return z.NEVER;
      }),
    }),
  async run(ctx, input) {
    const found = await findTasks(ctx, [input.id]);
    if (!Array.isArray(found)) return found;
    const task = found[0]!;
    const refused = await refuseOthersTasks(ctx, [task], "change the due dates of");
    if (refused) return refused;
    const today = ctx.env.today;
    if (task.dueDate === input.due) {
      return reply(`${ref(task.number)} unchanged`, [
        text(`${ref(task.number)} ${task.title} already has ${input.due ? `due date ${shownDate(input.due)}` : "no due date"}.`),
      ]);
    }
    const updated = await ctx.store.tasks.update(ctx.scope, task.id, { dueDate: input.due });
    const blocks = [text(`${ref(task.number)} ${task.title}: ${shownDate(task.dueDate)} → ${shownDate(updated.dueDate)}`)];
    if (updated.dueDate && updated.status !== "done") {
      blocks.push(
        contextLine(
          isOverdue(updated, today)
            ? `That date has passed: the task is ${relativeDue(updated.dueDate, today)}.`
            : relativeDue(updated.dueDate, today),
        ),
      );
    }
    return reply(`${ref(task.number)} due ${updated.dueDate ?? "date cleared"}`, blocks, "channel");
  },
});
