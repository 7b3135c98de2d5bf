import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { ref } from "../shared.js";
import { formatDate } from "../../domain/dates.js";
import { actions, fields as fieldsBlock, heading, reply } from "../../views/reply.js";
import { findRisk } from "../../lookups/risk.js";
import { riskFacts, severityOf } from "../../messages/risk.js";

export default projectCommand({
  path: ["risk", "show"],
  effect: "read",
  summary: "Everything about one risk",
  examples: ["risk show #1"],
  formTitle: "Show a risk",
  params: [{ at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" }],
  input: () => z.object({ id: fields.ref() }),
  async run(ctx, input) {
    const risk = await findRisk(ctx, input.id);
    if ("blocks" in risk) return risk;
    const owner = risk.ownerId ? await ctx.store.members.get(ctx.tenant, risk.ownerId) : null;
    const facts: [string, string][] = [
      [
        "Status",
        risk.status === "closed" && risk.closedAt ? `closed ${formatDate(risk.closedAt.toISOString().slice(0, 10))}` : risk.status,
      ],
      ...riskFacts(risk, owner, ctx.env.today),
      ["Raised", formatDate(risk.createdAt.toISOString().slice(0, 10))],
    ];
    const blocks = [heading(`Risk ${ref(risk.number)} — ${risk.title}`), fieldsBlock(facts)];
    if (risk.status === "open") blocks.push(actions([{ label: "Close risk", command: `risk close ${ref(risk.number)}` }]));
    return reply(`Risk ${ref(risk.number)} ${risk.title} (${severityOf(risk)}, ${risk.status})`, blocks);
  },
});
