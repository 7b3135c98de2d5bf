import { z } from "zod";
import { tenantCommand } from "../define.js";
import { fields } from "../fields.js";
import { inProject, money, quoted } from "../shared.js";
import { contextLine, fields as fieldsBlock, rejection, reply, text } from "../../views/reply.js";

export default tenantCommand({
  path: ["project", "create"],
  summary: "Start a project; the channel it is created in is linked to it",
  examples: ['project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27', "project create Website relaunch"],
  formTitle: "New project",
  params: [
    { at: "rest", name: "name", label: "name", required: true },
    { at: "keyword", name: "budget", keywords: ["budget"], type: "money", label: "amount" },
    { at: "keyword", name: "start", keywords: ["start"], type: "date", label: "date" },
    { at: "keyword", name: "end", keywords: ["end"], type: "date", label: "date" },
  ],
  input: (env) =>
    z.object({
      name: fields.text("project name", 80),
      budget: fields.money(env).optional(),
      start: fields.date(env).optional(),
      end: fields.date(env).optional(),
    }),
  async run(ctx, input) {
    if (input.start && input.end && input.end < input.start) {
      return rejection(`The end date ${input.end} is before the start date ${input.start}.`);
    }
    const linked = await ctx.store.projects.forChannel(ctx.tenant, ctx.channel.id);
    const project = await ctx.store.projects.create(ctx.scope, {
      name: input.name,
      currency: input.budget?.currency ?? ctx.env.currency,
      budgetTotal: input.budget?.minor ?? null,
      startDate: input.start ?? null,
      endDate: input.end ?? null,
      linkChannelId: linked ? null : ctx.channel.id,
    });
    const facts: [string, string][] = [["Currency", project.currency]];
    if (project.budgetTotal !== null) facts.push(["Budget", money(project.budgetTotal, project.currency)]);
    if (project.startDate || project.endDate) facts.push(["Timeline", `${project.startDate ?? "?"} → ${project.endDate ?? "?"}`]);
    return reply(
      `Created project ${project.name}`,
      [
        text(`Created project *${project.name}*.`),
        fieldsBlock(facts),
        contextLine(
          linked
            ? `This channel stays linked to ${linked.name}; use \`${inProject(project.name)}\` or \`project link ${quoted(project.name)}\`.`
            : "This channel is now linked to it: commands here work on this project.",
        ),
      ],
      "channel",
    );
  },
});
