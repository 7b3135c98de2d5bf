import { z } from "zod";
import { projectCommand } from "../define.js";
import { formatDate } from "../../domain/dates.js";
import { contextLine, heading, reply, table, text } from "../../views/reply.js";
import { evmBasis, evmRows, keyFigures, projectEarnedValue } from "../../messages/earned-value.js";

export default projectCommand({
  path: ["report", "evm"],
  effect: "read",
  summary: "Earned value: PV, EV, AC, cost and schedule variances and indices, forecast at completion, in plain words",
  examples: ["report evm"],
  notes: [
    "BAC is the current plan (baseline plus approved changes); AC is every cost logged so far.",
    "PV follows a straight line from the start date to the end date; EV counts tasks by estimate, in progress as half done (the 50/50 rule).",
    "EAC = BAC ÷ CPI: the rest of the work is assumed to cost what the work so far did.",
  ],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    const [tasks, totals, budget] = await Promise.all([
      ctx.store.tasks.list(ctx.tenant, project.id),
      ctx.store.costs.totals(ctx.tenant, project.id),
      ctx.store.budgets.get(ctx.tenant, project.id),
    ]);
    const today = ctx.env.today;
    const ev = projectEarnedValue(project, tasks, budget, totals, today);
    const blocks = [heading(`Earned value — ${project.name}`), text(ev.reading)];
    if (!ev.figures) {
      blocks.push(contextLine("Earned value measures work done against the budget: set one with `budget set <amount>`."));
      return reply(`Earned value of ${project.name}: not enough data`, blocks);
    }
    blocks.push(table(["Measure", "Value", "What it says"], evmRows(ev, budget.currency)));
    if (ev.gaps.length) blocks.push(contextLine(`Not enough data for some figures: ${ev.gaps.join("; ")}.`));
    blocks.push(contextLine(`As of the end of ${formatDate(today)}. ${evmBasis(ev)}`));
    const key = keyFigures(ev.figures, budget.currency);
    return reply(`Earned value of ${project.name}: ${ev.reading}${key ? ` (${key})` : ""}`, blocks);
  },
});
