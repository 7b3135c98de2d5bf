/** How risks read in chat: score with severity, scales in words, review dates. */
import { formatDate } from "../domain/dates.js";
import { riskScore, riskSeverity, type RiskSeverity } from "../domain/risk.js";
import type { Member, Risk } from "../store.js";
import { at } from "../commands/shared.js";

export const PROBABILITY = ["rare", "unlikely", "possible", "likely", "almost certain"] as const;
export const IMPACT = ["minor", "moderate", "significant", "major", "severe"] as const;

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

export const RISK_HINTS = {
  probability: "p1 (rare) to p5 (almost certain)",
  impact: "i1 (minor) to i5 (severe)",
};
