import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { money, ref } from "../shared.js";
import { reply, text } from "../../views/reply.js";
import { findOwnCost } from "../../lookups/cost.js";

export default projectCommand({
  path: ["cost", "delete"],
  summary: "Delete a cost logged by mistake",
  examples: ["cost delete #1"],
  formTitle: "Delete a cost",
  notes: ["You can delete the costs you logged; the project's owners and managers can delete any. The audit log keeps what it was."],
  params: [{ at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #3" }],
  input: () => z.object({ id: fields.ref() }),
  async run(ctx, input) {
    const cost = await findOwnCost(ctx, input.id, "delete");
    if ("blocks" in cost) return cost;
    await ctx.store.costs.remove(ctx.scope, cost.id);
    const what = `${money(cost.amount, cost.currency)} ${cost.category}${cost.note ? ` — ${cost.note}` : ""} on ${cost.incurredOn}`;
    return reply(`Deleted cost ${ref(input.id)}`, [text(`Deleted cost ${ref(input.id)}: ${what}.`)]);
  },
});
