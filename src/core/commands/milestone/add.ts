import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { ref } from "../shared.js";
import { formatDate, relativeDue } from "../../domain/dates.js";
import { contextLine, reply, text } from "../../views/reply.js";

export default projectCommand({
  path: ["milestone", "add"],
  permission: "manager",
  permissionAction: "add milestones",
  summary: "Add a milestone with its date",
  examples: ['milestone add "Beta release" 2026-03-13', "milestone add Go live due fri"],
  formTitle: "New milestone",
  notes: ["Write the date as 2026-03-13, tomorrow, friday or +2w; short forms like `fri` go after `due`."],
  params: [
    { at: "rest", name: "name", label: "name", required: true },
    { at: "typed", name: "date", label: "date", type: "date", required: true },
    // `due fri`: abbreviated weekdays are ordinary words unless a keyword introduces them.
    { at: "keyword", name: "date", keywords: ["due"], type: "date", label: "date", form: false },
  ],
  input: (env) => z.object({ name: fields.text("milestone name", 120), date: fields.date(env) }),
  async run(ctx, input) {
    const { project } = ctx;
    const today = ctx.env.today;
    const milestone = await ctx.store.milestones.add(ctx.scope, project.id, { name: input.name, dueDate: input.date });
    const blocks = [
      text(
        `Added milestone ${ref(milestone.number)} ${milestone.name} — ${formatDate(milestone.dueDate)} (${relativeDue(milestone.dueDate, today)})`,
      ),
    ];
    if (milestone.dueDate < today)
      blocks.push(contextLine("That date has already passed: mark it with `milestone done` if it was reached."));
    if (project.endDate && milestone.dueDate > project.endDate)
      blocks.push(contextLine(`Note: this is after the project's end date, ${formatDate(project.endDate)}.`));
    if (project.startDate && milestone.dueDate < project.startDate)
      blocks.push(contextLine(`Note: this is before the project's start date, ${formatDate(project.startDate)}.`));
    return reply(`Added milestone ${ref(milestone.number)} ${milestone.name} (${milestone.dueDate})`, blocks, "channel");
  },
});
