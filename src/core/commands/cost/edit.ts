import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { money, ref } from "../shared.js";
import { COST_CATEGORIES, type CostPatch } from "../../store.js";
import { contextLine, list, rejection, reply, text } from "../../views/reply.js";
import { findOwnCost } from "../../lookups/cost.js";

export default projectCommand({
  path: ["cost", "edit"],
  summary: "Correct a logged cost: its amount, category, note or date",
  examples: ["cost edit #1 2400", 'cost edit #1 travel "Train to the client"', "cost edit #1 on 2026-03-01"],
  formTitle: "Correct a cost",
  notes: ["Only what you name changes. You can correct the costs you logged; the project's owners and managers can correct any."],
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #3" },
    { at: "slot", name: "amount", label: "amount", type: "money" },
    { at: "slot", name: "category", label: "category", type: "text", options: COST_CATEGORIES },
    { at: "rest", name: "note", label: "note" },
    { at: "keyword", name: "on", keywords: ["on"], type: "date", label: "date" },
  ],
  input: (env) =>
    z.object({
      id: fields.ref(),
      amount: fields.money(env).optional(),
      category: fields.choice(COST_CATEGORIES, "cost category").optional(),
      note: fields.text("note", 500).optional(),
      on: fields.date(env).optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    if ([input.amount, input.category, input.note, input.on].every((v) => v === undefined)) {
      const message = `Say what to change on cost ${ref(input.id)}: an amount, a category, a note or \`on <date>\`.`;
      return rejection(message, [text(message), contextLine(`Example: \`cost edit ${ref(input.id)} 2400\``)]);
    }
    const cost = await findOwnCost(ctx, input.id, "correct");
    if ("blocks" in cost) return cost;
    if (input.amount && input.amount.currency !== project.currency) {
      return rejection(`${project.name} keeps its budget in ${project.currency}; give the amount in ${project.currency}.`);
    }
    if (input.amount && input.amount.minor <= 0n) return rejection("A cost must be more than zero.");
    const patch: CostPatch = {};
    if (input.amount && input.amount.minor !== cost.amount) patch.amount = input.amount.minor;
    if (input.category && input.category !== cost.category) patch.category = input.category;
    if (input.note !== undefined && input.note !== cost.note) patch.note = input.note;
    if (input.on && input.on !== cost.incurredOn) patch.incurredOn = input.on;
    if (Object.keys(patch).length === 0)
      return reply(`Cost ${ref(input.id)} unchanged`, [text(`Cost ${ref(input.id)} already has those values; nothing changed.`)]);
    const updated = await ctx.store.costs.update(ctx.scope, cost.id, patch);
    const changes: string[] = [];
    if (patch.amount !== undefined)
      changes.push(`Amount: ${money(cost.amount, cost.currency)} → ${money(updated.amount, updated.currency)}`);
    if (patch.category !== undefined) changes.push(`Category: ${cost.category} → ${updated.category}`);
    if (patch.note !== undefined) changes.push(`Note: ${cost.note ?? "—"} → ${updated.note ?? "—"}`);
    if (patch.incurredOn !== undefined) changes.push(`Date: ${cost.incurredOn} → ${updated.incurredOn}`);
    return reply(`Corrected cost ${ref(input.id)}`, [text(`Corrected cost ${ref(input.id)}.`), list(changes)]);
  },
});
