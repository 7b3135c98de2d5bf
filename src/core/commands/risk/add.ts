import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { joinWords, memberFor, ref } from "../shared.js";
import { contextLine, fields as fieldsBlock, reply, text } from "../../views/reply.js";
import { riskScore } from "../../domain/risk.js";
import { RISK_HINTS, riskFacts, scoreText, severityOf } from "../../messages/risk.js";
import { becameCritical, postCriticalRiskAlert } from "../../alerts/critical-risk.js";
import { alertedLine } from "../../alerts/post.js";

export default projectCommand({
  path: ["risk", "add"],
  summary: "Add a risk to the register: probability and impact 1-5, owner, mitigation, review date",
  examples: [
    'risk add "Vendor API may be late" p3 i4 owner @bob mitigation "Mock the API" review fri',
    "risk add Key developer leaves p3 i5",
  ],
  formTitle: "New risk",
  notes: [
    "Score = probability × impact; 15 or more is critical and is posted to the channel.",
    'Quote a mitigation of several words: `mitigation "Mock the API"`.',
  ],
  params: [
    { at: "rest", name: "title", label: "title", required: true },
    {
      at: "typed",
      name: "probability",
      label: "probability",
      placeholder: "p<1-5>",
      type: "scale-p",
      required: true,
      hint: RISK_HINTS.probability,
    },
    { at: "typed", name: "impact", label: "impact", placeholder: "i<1-5>", type: "scale-i", required: true, hint: RISK_HINTS.impact },
    { at: "keyword", name: "owner", keywords: ["owner"], type: "mention", label: "user" },
    { at: "keyword", name: "mitigation", keywords: ["mitigation"], type: "text", label: "text", form: "longtext" },
    { at: "keyword", name: "review", keywords: ["review"], type: "date", label: "date" },
  ],
  input: (env) =>
    z.object({
      title: fields.text("title"),
      probability: fields.scale("p"),
      impact: fields.scale("i"),
      owner: fields.mention().optional(),
      mitigation: fields.text("mitigation", 1000).optional(),
      review: fields.date(env).optional(),
    }),
  async run(ctx, input) {
    const owner = input.owner ? await memberFor(ctx, input.owner) : null;
    const risk = await ctx.store.risks.add(ctx.scope, ctx.project.id, {
      title: input.title,
      probability: input.probability,
      impact: input.impact,
      ownerId: owner?.id ?? null,
      mitigation: input.mitigation ?? null,
      reviewDate: input.review ?? null,
    });
    const critical = severityOf(risk) === "critical";
    const alerted = becameCritical(null, risk) ? await postCriticalRiskAlert(ctx, ctx.project, risk, owner) : [];
    const blocks = [
      text(`${critical ? "*Critical risk* added" : "Added risk"} ${ref(risk.number)} ${risk.title} — ${scoreText(risk)}`),
      fieldsBlock(riskFacts(risk, owner, ctx.env.today).slice(3)),
    ];
    const missing = [owner ? "" : "an owner", risk.mitigation ? "" : "a mitigation", risk.reviewDate ? "" : "a review date"].filter(
      Boolean,
    );
    if (critical && missing.length) {
      blocks.push(
        contextLine(
          `A critical risk needs ${joinWords(missing)}: \`risk update ${ref(risk.number)} owner @user mitigation "<plan>" review <date>\`.`,
        ),
      );
    }
    if (alerted.length) blocks.push(alertedLine(ctx, alerted));
    const severity = severityOf(risk);
    // Private: a critical risk reaches the channel as an alert (once), so the channel never sees it twice.
    return reply(
      `${critical ? "Critical risk" : "Risk"} ${ref(risk.number)} ${risk.title} (score ${riskScore(risk.probability, risk.impact)}, ${severity})`,
      blocks,
    );
  },
});
