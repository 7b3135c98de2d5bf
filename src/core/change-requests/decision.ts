/**
 * A decision on a change request, in one store transaction on the project as
 * it is now (its row held until the commit, so decisions on its requests run
 * one after another, each seeing the ones before it):
 *
 * 1. the request must still be open, and the member one of its approvers
 *    (core/authorization.ts);
 * 2. the decision is recorded;
 * 3. when it settles the request under the project's policy
 *    (domain/change-policy.ts), the settlement is recorded and, on approval,
 *    what it does to the plan (domain/change-settlement.ts) is written with
 *    it: the budget's change line, the end date, the charter's next version.
 *
 * An approval that cannot be applied (ChangeNotDecided) rolls everything back.
 */
import { mayDecideChanges } from "../authorization.js";
import { approverIds, settlementOf } from "../domain/change-policy.js";
import { changeSettlement } from "../domain/change-settlement.js";
import type { ChangeDecisionKind, ChangeRequest, Project, Scope, Store } from "../store.js";
import { ref } from "../commands/shared.js";

/** What the transaction found and did. */
export type Decided =
  /** Settled before this decision came: nothing written. */
  | { kind: "not-open"; change: ChangeRequest }
  /** The member may not decide; the approvers (manager first). Nothing written. */
  | { kind: "not-approver"; approverIds: string[] }
  /** Recorded; the request stays open. */
  | { kind: "recorded"; change: ChangeRequest }
  /** Recorded and settled; on approval `after` is the project with the change applied. */
  | { kind: "settled"; change: ChangeRequest; before: Project; after: Project };

/** Why an approval was not decided (its message says so); nothing was written. */
export class ChangeNotDecided extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChangeNotDecided";
  }
}

export function decideChangeRequest(
  store: Store,
  scope: Scope,
  projectId: string,
  number: number,
  input: { decision: ChangeDecisionKind; comment?: string | null; at: Date },
): Promise<Decided> {
  const { tenantId, actorId } = scope;
  return store.transaction(
    scope,
    async (tx): Promise<Decided> => {
      const project = await tx.projects.lock(tenantId, projectId);
      const change = await tx.changes.byNumber(tenantId, project.id, number);
      if (!change) throw new ChangeNotDecided(`There is no change request ${ref(number)} in ${project.name}.`);
      if (change.status !== "open") return { kind: "not-open", change };
      const approvers = approverIds(project, await tx.stakeholders.list(tenantId, project.id));
      if (!mayDecideChanges(actorId, approvers)) return { kind: "not-approver", approverIds: approvers };

      const decided = await tx.changes.decide(scope, change.id, input);
      const status = settlementOf(project.changePolicy, approvers, decided.decisions, input.decision);
      if (!status) return { kind: "recorded", change: decided };
      const settled = await tx.changes.settle(scope, change.id, {
        status,
        at: input.at,
        policy: project.changePolicy,
        approverIds: approvers,
      });
      if (status === "rejected") return { kind: "settled", change: settled, before: project, after: project };

      const outcome = changeSettlement(project, settled, await tx.charters.latest(tenantId, project.id));
      if (!outcome.ok) throw new ChangeNotDecided(outcome.message);
      const { budget, schedule, charter } = outcome.settlement;
      const applied = { changeId: settled.id, number: settled.number };
      if (budget) await tx.budgets.addChange(scope, project.id, { change: applied, ...budget });
      if (schedule) await tx.projects.setEndDate(scope, project.id, schedule.endDate, { change: applied, days: schedule.days });
      if (charter) await tx.charters.save(scope, project.id, charter.content, input.at, { change: applied, added: charter.added });
      return { kind: "settled", change: settled, before: project, after: (await tx.projects.get(tenantId, project.id)) ?? project };
    },
    // A charter saved at the same moment took the next version number: decide again on fresh data.
    { retryOnUnique: true },
  );
}
