import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor, ref } from "../shared.js";
import { formatDate } from "../../domain/dates.js";
import { parseScale } from "../../grammar/values.js";
import { riskScore, riskSeverity, type RiskSeverity } from "../../domain/risk.js";
import type { Member, Risk } from "../../store.js";
import { contextLine, fields as fieldsBlock, reply, text } from "../../views/reply.js";

export const PROBABILITY = ["rare", "unlikely", "possible", "likely", "almost certain"] as const;
export const IMPACT = ["minor", "moderate", "significant", "major", "severe"] as const;

/** p3 or, from a form's 1-5 picker, a bare 3. */
export function scaleField(letter: "p" | "i") {
  return z.string().transform((word, c): number => {
    const parsed = parseScale(/^\s*\d+\s*$/.test(word) ? `${letter}${word.trim()}` : word, letter);
    if (parsed.ok) return parsed.value;
    c.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });
}

export const severityOf = (r: Pick<Risk, "probability" | "impact">): RiskSeverity => riskSeverity(riskScore(r.probability, r.impact));

/** "P3 × I5 = 15 *critical*": the bold word is what catches the eye in a busy channel. */
export function scoreText(r: Pick<Risk, "probability" | "impact">): string {
  const severity = severityOf(r);
  return `P${r.probability} × I${r.impact} = ${riskScore(r.probability, r.impact)} ${severity === "critical" ? "*critical*" : `(${severity})`}`;
}

/** Review date, marked when an open risk is past it. */
export function reviewText(r: Pick<Risk, "reviewDate" | "status">, today: string): string {
  if (!r.reviewDate) return "—";
  return `${formatDate(r.reviewDate)}${r.status === "open" && r.reviewDate < today ? " ⚠ review overdue" : ""}`;
}

export function riskFacts(r: Risk, owner: Member | null | undefined, today: string): [string, string][] {
  return [
    ["Score", scoreText(r)],
    ["Probability", `${r.probability} — ${PROBABILITY[r.probability - 1] ?? "?"}`],
    ["Impact", `${r.impact} — ${IMPACT[r.impact - 1] ?? "?"}`],
    ["Owner", owner ? at(owner) : "—"],
    ["Mitigation", r.mitigation ?? "—"],
    ["Review", reviewText(r, today)],
  ];
}

/** "a, b and c". */
export const joinWords = (words: string[]): string =>
  words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

export const RISK_HINTS = {
  probability: "p1 (rare) to p5 (almost certain)",
  impact: "i1 (minor) to i5 (severe)",
};

export default projectCommand({
  path: ["risk", "add"],
  summary: "Add a risk to the register: probability and impact 1-5, owner, mitigation, review date",
  examples: [
    'risk add "Vendor API may be late" p3 i4 owner @bob mitigation "Mock the API" review fri',
    "risk add Key developer leaves p3 i5",
  ],
  formTitle: "New risk",
  notes: ["Score = probability × impact; 15 or more is critical and is posted to the channel.", 'Quote a mitigation of several words: `mitigation "Mock the API"`.'],
  params: [
    { at: "rest", name: "title", label: "title", required: true },
    { at: "typed", name: "probability", label: "probability", placeholder: "p<1-5>", type: "scale-p", required: true, hint: RISK_HINTS.probability },
    { at: "typed", name: "impact", label: "impact", placeholder: "i<1-5>", type: "scale-i", required: true, hint: RISK_HINTS.impact },
    { at: "keyword", name: "owner", keywords: ["owner"], type: "mention", label: "user" },
    { at: "keyword", name: "mitigation", keywords: ["mitigation"], type: "text", label: "text", form: "longtext" },
    { at: "keyword", name: "review", keywords: ["review"], type: "date", label: "date" },
  ],
  input: (env) =>
    z.object({
      title: fields.text("title"),
      probability: scaleField("p"),
      impact: scaleField("i"),
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
    const blocks = [
      text(`${critical ? "*Critical risk* added" : "Added risk"} ${ref(risk.number)} ${risk.title} — ${scoreText(risk)}`),
      fieldsBlock(riskFacts(risk, owner, ctx.env.today).slice(3)),
    ];
    const missing = [owner ? "" : "an owner", risk.mitigation ? "" : "a mitigation", risk.reviewDate ? "" : "a review date"].filter(Boolean);
    if (critical && missing.length) {
      blocks.push(contextLine(`A critical risk needs ${joinWords(missing)}: \`risk update ${ref(risk.number)} owner @user mitigation "<plan>" review <date>\`.`));
    }
    const severity = severityOf(risk);
    return reply(`${critical ? "Critical risk" : "Risk"} ${ref(risk.number)} ${risk.title} (score ${riskScore(risk.probability, risk.impact)}, ${severity})`, blocks, critical ? "channel" : "private");
  },
});
