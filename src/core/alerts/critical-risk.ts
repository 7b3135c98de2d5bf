/**
 * Critical-risk alerts: a risk created at, or updated to, a score of 15 or
 * more is posted to the project channel with its owner and mitigation, once
 * each time it becomes critical. The command detects the transition; the
 * dedupe key holds the audit event of the change that made it critical, so a
 * retried post of the same change never duplicates while a later
 * transition (after dropping below 15) alerts again.
 */
import type { Context } from "../context.js";
import { riskScore } from "../domain/risk.js";
import { at, ref } from "../commands/shared.js";
import { scoreText } from "../messages/risk.js";
import type { Member, Project, Risk } from "../store.js";
import { contextLine, fields, heading, reply, text } from "../views/reply.js";
import { postAlert } from "./post.js";

export const CRITICAL_SCORE = 15;

export const isCriticalRisk = (r: Pick<Risk, "probability" | "impact" | "status">): boolean =>
  r.status === "open" && riskScore(r.probability, r.impact) >= CRITICAL_SCORE;

/** True when the change made the risk critical (a new risk has no `before`). */
export function becameCritical(before: Risk | null, after: Risk): boolean {
  return isCriticalRisk(after) && (before === null || !isCriticalRisk(before));
}

export const criticalRiskKey = (riskId: string, epoch: string): string => `risk-critical:${riskId}:${epoch}`;

/** How many recent project events to look through for the change just written. */
const RECENT_EVENTS = 20;

/** The id of the audit event that recorded the change just made to the risk; the current instant if it cannot be found. */
async function changeEpoch(ctx: Pick<Context, "tenant" | "store" | "now">, risk: Risk): Promise<string> {
  const events = await ctx.store.audit.list(ctx.tenant, { projectId: risk.projectId, limit: RECENT_EVENTS });
  const event = events.find((e) => e.entity === "risk" && e.entityId === risk.id);
  return event?.id ?? ctx.now().toUTC().toISO() ?? String(ctx.now().toMillis());
}

export async function postCriticalRiskAlert(
  ctx: Pick<Context, "tenant" | "channel" | "notify" | "log" | "store" | "now">,
  project: Project,
  risk: Risk,
  owner: Member | null | undefined,
): Promise<string[]> {
  const alert = reply(
    `Critical risk in ${project.name}: ${ref(risk.number)} ${risk.title}`,
    [
      heading(`Critical risk — ${project.name}`),
      text(`${ref(risk.number)} ${risk.title} — ${scoreText(risk)}`),
      fields([
        ["Owner", owner ? at(owner) : "none yet"],
        ["Mitigation", risk.mitigation ?? "none yet"],
      ]),
      contextLine(`\`risk show ${ref(risk.number)}\` for the details.`),
    ],
    "channel",
  );
  return postAlert(ctx, project, criticalRiskKey(risk.id, await changeEpoch(ctx, risk)), alert);
}
