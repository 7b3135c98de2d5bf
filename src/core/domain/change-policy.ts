/**
 * When a change request is settled. The approvers are the project manager and
 * the stakeholders marked as approvers; the project's policy says whether the
 * first of them decides (any) or every one of them must approve (all). A
 * rejection by any approver rejects under both policies; a question (ask)
 * never settles anything.
 */
import type { ChangeDecision, ChangeDecisionKind, ChangePolicy } from "../records/index.js";

export type Settlement = "approved" | "rejected";

/** Each member's newest approve or reject (questions are not decisions). */
function latestVerdicts(decisions: readonly Pick<ChangeDecision, "memberId" | "decision">[]): Map<string, "approve" | "reject"> {
  const latest = new Map<string, "approve" | "reject">();
  for (const d of decisions) if (d.decision !== "ask") latest.set(d.memberId, d.decision);
  return latest;
}

/** The approvers whose approval is still missing (in the order given). */
export function pendingApprovers(
  approverIds: readonly string[],
  decisions: readonly Pick<ChangeDecision, "memberId" | "decision">[],
): string[] {
  const latest = latestVerdicts(decisions);
  return approverIds.filter((id) => latest.get(id) !== "approve");
}

/**
 * The outcome once `newest` has been recorded (it is the last of
 * `decisions`), or null while the request stays open. Only the current
 * approvers' decisions count.
 */
export function settlementOf(
  policy: ChangePolicy,
  approverIds: readonly string[],
  decisions: readonly Pick<ChangeDecision, "memberId" | "decision">[],
  newest: ChangeDecisionKind,
): Settlement | null {
  if (newest === "ask") return null;
  const latest = latestVerdicts(decisions);
  const verdicts = approverIds.map((id) => latest.get(id));
  if (verdicts.includes("reject")) return "rejected";
  if (policy === "any") return verdicts.includes("approve") ? "approved" : null;
  return approverIds.length > 0 && verdicts.every((v) => v === "approve") ? "approved" : null;
}

/** Who may decide on a project's change requests: its manager first, then the stakeholders marked as approvers. */
export function approverIds(project: { managerId: string }, stakeholders: readonly { memberId: string; approver: boolean }[]): string[] {
  return [...new Set([project.managerId, ...stakeholders.filter((s) => s.approver).map((s) => s.memberId)])];
}
