import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { money } from "../shared.js";
import { percent } from "../../domain/money.js";
import { COST_CATEGORIES } from "../../store.js";
import { crossedThreshold, postBudgetAlert } from "../../alerts/budget-threshold.js";
import { alertedLine } from "../../alerts/post.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

export default projectCommand({
  path: ["cost", "add"],
  summary: "Log a cost against the project's budget",
  examples: ['cost add 2500 USD labour "Sprint 1 contractors"', "cost add 1.2k software Licences on 2026-03-02"],
  formTitle: "Log a cost",
  params: [
    { at: "slot", name: "amount", label: "amount", type: "money", required: true },
    { at: "slot", name: "category", label: "category", type: "text", required: true, options: COST_CATEGORIES },
    { at: "rest", name: "note", label: "note" },
    { at: "keyword", name: "on", keywords: ["on"], type: "date", label: "date" },
  ],
  notes: [`Categories: ${COST_CATEGORIES.join(", ")}.`],
  input: (env) =>
    z.object({
      amount: fields.money(env),
      category: fields.choice(COST_CATEGORIES, "cost category"),
      note: fields.text("note", 500).optional(),
      on: fields.date(env).optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    if (input.amount.currency !== project.currency) {
      return rejection(
        `${project.name} keeps its budget in ${project.currency}; log this cost in ${project.currency} (Charter does not convert currencies).`,
      );
    }
    if (input.amount.minor <= 0n) return rejection("A cost must be more than zero.");
    const cost = await ctx.store.costs.add(ctx.scope, project.id, {
      amount: input.amount.minor,
      currency: project.currency,
      category: input.category,
      note: input.note ?? null,
      incurredOn: input.on ?? ctx.env.today,
    });
    // Totals after the add (minus this cost for "before"), so two concurrent adds both see the crossing
    // and the alert's dedupe key posts it once, instead of both missing it.
    const [after, budget] = await Promise.all([
      ctx.store.costs.totals(ctx.tenant, project.id),
      ctx.store.budgets.get(ctx.tenant, project.id),
    ]);
    const spent = after.total;
    const blocks = [
      text(`Logged ${money(cost.amount, cost.currency)} ${cost.category}${cost.note ? ` — ${cost.note}` : ""} on ${cost.incurredOn}.`),
    ];
    if (project.budgetTotal !== null && project.budgetTotal > 0n) {
      const used = percent(spent, project.budgetTotal);
      const crossed = crossedThreshold(spent - cost.amount, spent, project.budgetTotal);
      blocks.push(
        contextLine(`Budget: ${used}% used — ${money(spent, project.currency)} of ${money(project.budgetTotal, project.currency)}.`),
      );
      if (crossed) {
        blocks.push(
          text(
            crossed >= 100
              ? `*Budget exceeded:* spending is at ${used}% of the budget.`
              : `*Budget alert:* spending passed ${crossed}% of the budget.`,
          ),
        );
        const alerted = await postBudgetAlert(ctx, project, { threshold: crossed, spent, whole: project.budgetTotal });
        if (alerted.length) blocks.push(alertedLine(ctx, alerted));
      }
    }
    const planned = budget.lines.filter((l) => l.category === cost.category).reduce((sum, l) => sum + l.amount, 0n);
    const spentInCategory = after.byCategory[cost.category] ?? 0n;
    const crossedInCategory = crossedThreshold(spentInCategory - cost.amount, spentInCategory, planned);
    if (crossedInCategory) {
      await postBudgetAlert(ctx, project, {
        threshold: crossedInCategory,
        spent: spentInCategory,
        whole: planned,
        category: cost.category,
      });
      blocks.push(
        contextLine(`${cost.category}: ${percent(spentInCategory, planned)}% of its plan of ${money(planned, project.currency)} used.`),
      );
    }
    // Private: the team hears about threshold crossings through the alert, once, not through every cost.
    return reply(`Logged ${money(cost.amount, cost.currency)} ${cost.category}`, blocks);
  },
});
