import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { ref } from "../shared.js";
import { daysBetween, formatDate } from "../../domain/dates.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

export default projectCommand({
  path: ["milestone", "done"],
  permission: "manager",
  permissionAction: "mark milestones done",
  summary: "Mark a milestone reached",
  examples: ["milestone done #1"],
  formTitle: "Milestone reached",
  params: [{ at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #1" }],
  input: () => z.object({ id: fields.ref() }),
  async run(ctx, input) {
    const { project } = ctx;
    const milestone = await ctx.store.milestones.byNumber(ctx.tenant, project.id, input.id);
    if (!milestone) {
      const message = `There is no milestone ${ref(input.id)} in ${project.name}.`;
      return rejection(message, [text(message), contextLine("`milestone list` shows them with their numbers.")]);
    }
    if (milestone.doneAt) {
      return reply(`Milestone ${ref(milestone.number)} was already reached`, [
        text(
          `Milestone ${ref(milestone.number)} ${milestone.name} was already marked reached on ${formatDate(milestone.doneAt.toISOString().slice(0, 10))}.`,
        ),
      ]);
    }
    const done = await ctx.store.milestones.markDone(ctx.scope, milestone.id, ctx.now().toJSDate());
    const late = daysBetween(done.dueDate, ctx.env.today);
    const timing = late > 0 ? `${days(late)} late` : late < 0 ? `${days(-late)} early` : "on the day";
    return reply(
      `Milestone reached: ${ref(done.number)} ${done.name}`,
      [text(`✓ Milestone ${ref(done.number)} *${done.name}* reached — ${timing} (planned ${formatDate(done.dueDate)}).`)],
      "channel",
    );
  },
});
