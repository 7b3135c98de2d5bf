import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { joinWords, memberFor } from "../shared.js";
import { contextLine, fields as fieldsBlock, rejection, reply, text } from "../../views/reply.js";

import { directionText, kpiFacts, smartGaps, targetText } from "../../messages/kpi.js";

const DIRECTIONS = ["higher", "lower"] as const;

export default projectCommand({
  path: ["kpi", "add"],
  permission: "manager",
  permissionAction: "add KPIs",
  summary: "Define a SMART KPI: what it is, how it is measured, its target and direction, deadline and owner",
  examples: [
    "kpi add Uptime target 99.9%",
    'kpi add "Page load time" target 200ms lower',
    'kpi add Checkout conversion target 3.5% description "Share of carts that end in a paid order" measure "Weekly analytics export" deadline 2026-06-30 owner @alice',
    "kpi add Velocity target 30",
  ],
  formTitle: "New KPI",
  notes: [
    "Higher is better unless you say `lower`.",
    'SMART: say what exactly (`description "..."`), how it is measured (`measure "..."`), by when (`deadline <date>`) and who owns it (`owner @user`).',
  ],
  params: [
    { at: "rest", name: "name", label: "name", required: true },
    {
      at: "keyword",
      name: "target",
      keywords: ["target"],
      type: "number",
      label: "number[unit]",
      required: true,
      hint: "95%, 200ms or 4.5",
    },
    { at: "flag", name: "direction", label: "direction", words: DIRECTIONS },
    {
      at: "keyword",
      name: "description",
      keywords: ["description"],
      type: "text",
      label: "what exactly",
      placeholder: '"<what exactly>"',
      form: "longtext",
      hint: "What the KPI is about, specifically",
    },
    {
      at: "keyword",
      name: "measure",
      keywords: ["measure"],
      type: "text",
      label: "source or method",
      placeholder: '"<source or method>"',
      hint: "Where a reading comes from, e.g. the monitoring dashboard",
    },
    { at: "keyword", name: "deadline", keywords: ["deadline"], type: "date", label: "date", hint: "By when the target should be met" },
    { at: "keyword", name: "owner", keywords: ["owner"], type: "mention", label: "user" },
  ],
  input: (env) =>
    z.object({
      name: fields.text("KPI name", 80),
      target: fields.numberWithUnit(),
      direction: fields.choice(DIRECTIONS, "direction").optional(),
      description: fields.text("description", 500).optional(),
      measure: fields.text("measure", 200).optional(),
      deadline: fields
        .date(env)
        .refine((date) => date >= env.today, {
          error: "That deadline has already passed: give today or a later date, like `deadline 2026-06-30` or `deadline +8w`.",
        })
        .optional(),
      owner: fields.mention().optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const existing = await ctx.store.kpis.findByName(ctx.tenant, project.id, input.name);
    if (existing) {
      const message = `${project.name} already has a KPI called "${existing.name}" (target ${targetText(existing)}).`;
      return rejection(message, [text(message), contextLine(`Record a reading with \`kpi record ${existing.name} <value>\`.`)]);
    }
    const owner = input.owner ? await memberFor(ctx, input.owner) : null;
    const kpi = await ctx.store.kpis.add(ctx.scope, project.id, {
      name: input.name,
      target: input.target.value,
      unit: input.target.unit,
      direction: input.direction ?? "higher",
      description: input.description ?? null,
      measure: input.measure ?? null,
      deadline: input.deadline ?? null,
      ownerId: owner?.id ?? null,
    });
    const blocks = [
      text(`Added KPI *${kpi.name}*: target ${targetText(kpi)} (${directionText(kpi.direction)}).`),
      fieldsBlock(kpiFacts(kpi, owner, ctx.env.today).filter(([label]) => label !== "Target")),
    ];
    const gaps = smartGaps(kpi);
    if (gaps.length) blocks.push(contextLine(`Not yet SMART: missing ${joinWords(gaps)}.`));
    blocks.push(contextLine(`Record readings with \`kpi record ${kpi.name} <value>\`.`));
    return reply(`Added KPI ${kpi.name} (target ${targetText(kpi)})`, blocks, "channel");
  },
});
