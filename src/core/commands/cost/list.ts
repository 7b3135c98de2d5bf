import { DateTime } from "luxon";
import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, membersById, money, ref } from "../shared.js";
import { sumMoney } from "../../domain/money.js";
import { contextLine, reply, table, text } from "../../views/reply.js";

const SHOWN = 40;

/** this-month | last-month | yyyy-mm -> inclusive ISO date range. */
function monthRange(period: string | undefined, today: string): { from: string; to: string; label: string } | null {
  if (!period) return null;
  const base = DateTime.fromISO(today);
  const month =
    period === "this-month" ? base : period === "last-month" ? base.minus({ months: 1 }) : DateTime.fromFormat(period, "yyyy-MM");
  return { from: month.startOf("month").toISODate()!, to: month.endOf("month").toISODate()!, label: month.toFormat("LLLL yyyy") };
}

export default projectCommand({
  path: ["cost", "list"],
  effect: "read",
  summary: "List logged costs, all or for one month",
  examples: ["cost list", "cost list this-month", "cost list 2026-02"],
  params: [{ at: "slot", name: "period", label: "this-month|last-month|yyyy-mm", type: "text" }],
  input: () =>
    z.object({
      period: fields
        .text("period", 20)
        .transform((v) => v.toLowerCase())
        .refine((v) => v === "this-month" || v === "last-month" || DateTime.fromFormat(v, "yyyy-MM").isValid, {
          error: "Pick a month: `this-month`, `last-month` or a month like `2026-03`.",
        })
        .optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const range = monthRange(input.period, ctx.env.today);
    const costs = await ctx.store.costs.list(ctx.tenant, project.id, range ? { from: range.from, to: range.to } : undefined);
    const where = range ? ` in ${range.label}` : "";
    if (costs.length === 0) return reply(`No costs${where}`, [text(`No costs logged${where} for ${project.name}.`)]);
    const who = await membersById(
      ctx,
      costs.slice(0, SHOWN).map((c) => c.createdById),
    );
    const rows = costs
      .slice(0, SHOWN)
      .map((c) => [
        c.number ? ref(c.number) : "",
        c.incurredOn,
        c.category,
        money(c.amount, c.currency),
        c.note ?? "",
        at(who.get(c.createdById)),
      ]);
    const total = sumMoney(costs.map((c) => c.amount));
    const blocks = [
      table(["#", "Date", "Category", "Amount", "Note", "By"], rows),
      text(`*Total${where}:* ${money(total, project.currency)} in ${costs.length} ${costs.length === 1 ? "entry" : "entries"}.`),
    ];
    if (costs.length > SHOWN)
      blocks.push(contextLine(`Showing the newest ${SHOWN}. Narrow it down with a month, e.g. \`cost list last-month\`.`));
    return reply(`${costs.length} costs${where}`, blocks);
  },
});
