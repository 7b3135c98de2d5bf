/**
 * `charter forget-member --tenant <id> <member>`: an operator erases a person
 * at their request (the store's member erasure does the work, in one
 * transaction). Prints what was replaced; exit 1 when the tenant has no such
 * member, with nothing written.
 */
import type { Runtime } from "../runtime.js";
import { memberErasureRepository, type ErasureCounts } from "../store/index.js";

export interface ForgetRequest {
  tenant: string;
  /** Platform user id (U0123, an Entra object id, local-user) or member id. */
  member: string;
}

export interface Io {
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function replaced(counts: ErasureCounts): string {
  return [
    plural(counts.standupAnswers, "standup answer"),
    plural(counts.decisionComments, "decision comment"),
    plural(counts.stakeholderRoles, "stakeholder role"),
    plural(counts.consoleMessages, "console message"),
    plural(counts.auditEvents, "audit event"),
  ].join(", ");
}

export async function forgetMember(runtime: Pick<Runtime, "db">, request: ForgetRequest, io: Io): Promise<number> {
  const forgotten = await memberErasureRepository(runtime.db).forget(request.tenant, request.member);
  if (!forgotten) {
    io.stderr.write(
      `Tenant ${request.tenant} has no member ${request.member} (give their platform user id or member id). Nothing was changed.\n`,
    );
    return 1;
  }
  io.stdout.write(
    `Forgot member ${forgotten.memberId} of ${request.tenant}: name, handle, time zone and quiet hours removed; replaced ${replaced(forgotten.counts)}. ` +
      "Amounts, dates and the audit trail are kept, and the audit records the erasure.\n",
  );
  return 0;
}
