import { z } from "zod";
import { projectCommand } from "../define.js";
import { mayChange, refusal } from "../../authorization.js";
import { fields } from "../fields.js";
import { ref } from "../shared.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { scoreText } from "../../messages/risk.js";
import { findRisk } from "../../lookups/risk.js";

export default projectCommand({
  path: ["risk", "close"],
  summary: "Close a risk that is over or has been dealt with",
  examples: ["risk close #1"],
  formTitle: "Close a risk",
  params: [{ at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" }],
  input: () => z.object({ id: fields.ref() }),
  async run(ctx, input) {
    const risk = await findRisk(ctx, input.id);
    if ("blocks" in risk) return risk;
    // A risk belongs to its owner; an unowned one to whoever runs the project.
    if (!mayChange(ctx, ctx.authority, [risk.ownerId]))
      return refusal(ctx, ctx.project, ctx.authority, "manager", `close risk ${ref(risk.number)}`);
    if (risk.status === "closed") {
      return reply(`Risk ${ref(risk.number)} was already closed`, [text(`Risk ${ref(risk.number)} ${risk.title} is already closed.`)]);
    }
    await ctx.store.risks.update(ctx.scope, risk.id, { status: "closed" });
    const open = (await ctx.store.risks.list(ctx.tenant, ctx.project.id, { status: "open" })).filter((r) => r.status === "open").length;
    return reply(
      `Closed risk ${ref(risk.number)} ${risk.title}`,
      [
        text(`Closed risk ${ref(risk.number)} ${risk.title} (was ${scoreText(risk)}).`),
        contextLine(`${open === 0 ? "No" : open} open ${open === 1 ? "risk" : "risks"} left in ${ctx.project.name}.`),
      ],
      "channel",
    );
  },
});
