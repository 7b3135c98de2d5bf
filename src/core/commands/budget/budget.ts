import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { money } from "../shared.js";
import { projectBudgetStatus } from "../../domain/budget.js";
import { COST_CATEGORIES, type BudgetChange, type CostCategory } from "../../store.js";
import { contextLine, fields as fieldsBlock, heading, progress, rejection, reply, text } from "../../views/reply.js";
import type { Block } from "../../views/reply.js";
import { approvedChangesText, categoryTable, planFields, standingNote, varianceText } from "../../messages/budget.js";

export default projectCommand({
  path: ["budget"],
  summary: "Show the budget (spent, remaining, burn rate, forecast) or set it",
  examples: ["budget", "budget set 10000 USD contingency 10%", "budget labour 6000 software 1500"],
  notes: [
    `Plan per category with \`<category> <amount>\`; categories: ${COST_CATEGORIES.join(", ")}.`,
    "`budget set` sets the baseline. Approved change requests stay on top of it: the current plan is the baseline plus every approved change, and spent, remaining and alerts are measured against the current plan.",
  ],
  params: [
    { at: "keyword", name: "total", keywords: ["set"], type: "money", label: "amount" },
    { at: "keyword", name: "contingency", keywords: ["contingency"], type: "percent", label: "n%" },
    { at: "keyword", name: "lines", keywords: COST_CATEGORIES, type: "money", label: "category amount", multiple: true },
  ],
  input: (env) =>
    z.object({
      total: fields.money(env).optional(),
      contingency: fields
        .percent()
        .refine((n) => n <= 100, { error: "Contingency is a percentage from 0% to 100%." })
        .optional(),
      lines: z.array(z.tuple([z.string(), fields.money(env)])).optional(),
    }),
  effect: (input) => (input.total === undefined && input.contingency === undefined && !input.lines?.length ? "read" : "write"),
  permission: (input) => (input.total === undefined && input.contingency === undefined && !input.lines?.length ? undefined : "manager"),
  permissionAction: "change its budget",
  async run(ctx, input) {
    const { project } = ctx;
    const change: BudgetChange = {};
    const amounts = [input.total, ...(input.lines ?? []).map(([, m]) => m)].filter((m) => m !== undefined);
    const currency = amounts[0]?.currency ?? project.currency;
    if (amounts.some((m) => m.currency !== currency)) return rejection("Use one currency for the whole budget.");
    if (amounts.some((m) => m.minor < 0n)) return rejection("Budget amounts can't be negative.");
    if (input.total) change.total = input.total.minor;
    if (currency !== project.currency) change.currency = currency;
    if (input.contingency !== undefined) change.contingencyPct = input.contingency;
    if (input.lines) change.lines = input.lines.map(([category, m]) => ({ category: category as CostCategory, amount: m.minor }));

    const changed = Object.keys(change).length > 0;
    const [budget, totals] = await Promise.all([
      changed ? ctx.store.budgets.set(ctx.scope, project.id, change) : ctx.store.budgets.get(ctx.tenant, project.id),
      ctx.store.costs.totals(ctx.tenant, project.id),
    ]);
    const status = projectBudgetStatus(project, budget, totals, ctx.env.today);
    const cur = budget.currency;
    const blocks: Block[] = [heading(`Budget — ${project.name}`)];
    if (changed) blocks.unshift(text("Budget updated."));
    if (change.total !== undefined && status.changeCount > 0) {
      // Setting the budget sets the baseline; what approved change requests added is kept on top of it.
      blocks.splice(
        1,
        0,
        contextLine(
          `The baseline is now ${money(status.baseline!, cur)}; the approved changes, ${approvedChangesText(status, cur)}, stay on top of it, so the current plan is ${money(status.total!, cur)}.`,
        ),
      );
    }
    if (status.total === null) {
      blocks.push(
        text(`No budget set yet. Spent so far: ${money(status.spent, cur)}.`),
        contextLine("Set one with `budget set 10000 USD`."),
      );
    } else {
      const tone = status.percentUsed >= 100 ? "bad" : status.percentUsed >= 80 ? "warn" : "ok";
      blocks.push(
        progress("Used", Number(status.percentUsed) / 100, tone),
        fieldsBlock([
          ...planFields(status, cur),
          ["Spent", money(status.spent, cur)],
          ["Remaining", money(status.remaining!, cur)],
          ["Variance", varianceText(status, cur)!],
          ["Used", `${status.percentUsed}% of the current plan`],
          ["Contingency", `${budget.contingencyPct}% (${money(status.contingency ?? 0n, cur)})`],
          ["Burn rate", status.burnPerWeek === null ? "not enough history yet" : `${money(status.burnPerWeek, cur)} a week`],
          [
            "Forecast at completion",
            status.forecastAtCompletion === null
              ? "needs start and end dates"
              : `${money(status.forecastAtCompletion, cur)} (${status.forecastVariance! >= 0n ? "under by " : "over by "}${money(
                  status.forecastVariance! >= 0n ? status.forecastVariance! : -status.forecastVariance!,
                  cur,
                )})`,
          ],
        ]),
      );
      const note = standingNote(status, cur);
      if (note) blocks.push(text(note));
    }
    blocks.push(...categoryTable(status, cur));
    return reply(changed ? `Budget updated for ${project.name}` : `Budget of ${project.name}`, blocks, changed ? "channel" : "private");
  },
});
