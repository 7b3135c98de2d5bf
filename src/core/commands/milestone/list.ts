import { z } from "zod";
import { projectCommand } from "../define.js";
import { ref } from "../shared.js";
import { contextLine, reply, table, text } from "../../views/reply.js";
import { milestoneStatus } from "../../messages/milestone.js";

export default projectCommand({
  path: ["milestone", "list"],
  effect: "read",
  summary: "The project's milestones by date: reached, overdue and upcoming",
  examples: ["milestone list"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    const today = ctx.env.today;
    const milestones = (await ctx.store.milestones.list(ctx.tenant, project.id)).sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number,
    );
    if (milestones.length === 0) {
      return reply("No milestones", [
        text(`No milestones in ${project.name} yet.`),
        contextLine('Add one with `milestone add "<name>" <date>`.'),
      ]);
    }
    const rows = milestones.map((m) => [ref(m.number), m.name, m.dueDate, milestoneStatus(m, today)]);
    const reached = milestones.filter((m) => m.doneAt).length;
    const overdue = milestones.filter((m) => !m.doneAt && m.dueDate < today).length;
    const next = milestones.find((m) => !m.doneAt && m.dueDate >= today);
    const facts = [`${reached} of ${milestones.length} reached`];
    if (overdue) facts.push(`${overdue} overdue`);
    if (next) facts.push(`next: ${next.name} ${milestoneStatus(next, today)}`);
    return reply(`Milestones: ${facts.join(", ")}`, [table(["#", "Milestone", "Date", "Status"], rows), contextLine(facts.join(" · "))]);
  },
});
