import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

import { directionText, targetText } from "./format.js";

const DIRECTIONS = ["higher", "lower"] as const;

export default projectCommand({
  path: ["kpi", "add"],
  summary: "Define a KPI with its target and whether higher or lower is better",
  examples: ["kpi add Uptime target 99.9%", 'kpi add "Page load time" target 200ms lower', "kpi add Velocity target 30"],
  formTitle: "New KPI",
  notes: ["Higher is better unless you say `lower`."],
  params: [
    { at: "rest", name: "name", label: "name", required: true },
    { at: "keyword", name: "target", keywords: ["target"], type: "number", label: "number[unit]", required: true, hint: "95%, 200ms or 4.5" },
    { at: "flag", name: "direction", label: "direction", words: DIRECTIONS },
  ],
  input: () =>
    z.object({
      name: fields.text("KPI name", 80),
      target: fields.numberWithUnit(),
      direction: fields.choice(DIRECTIONS, "direction").optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const existing = await ctx.store.kpis.findByName(ctx.tenant, project.id, input.name);
    if (existing) {
      const message = `${project.name} already has a KPI called "${existing.name}" (target ${targetText(existing)}).`;
      return rejection(message, [text(message), contextLine(`Record a reading with \`kpi record ${existing.name} <value>\`.`)]);
    }
    const kpi = await ctx.store.kpis.add(ctx.scope, project.id, {
      name: input.name,
      target: input.target.value,
      unit: input.target.unit,
      direction: input.direction ?? "higher",
    });
    return reply(
      `Added KPI ${kpi.name} (target ${targetText(kpi)})`,
      [
        text(`Added KPI *${kpi.name}*: target ${targetText(kpi)} (${directionText(kpi.direction)}).`),
        contextLine(`Record readings with \`kpi record ${kpi.name} <value>\`.`),
      ],
      "channel",
    );
  },
});
