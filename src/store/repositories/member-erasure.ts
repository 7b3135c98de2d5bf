/**
 * Forgetting a person (`charter forget-member`): what identifies them and
 * what they wrote about themselves is replaced by a placeholder, in one
 * transaction of one tenant, while amounts, dates, numbers and the audit
 * trail's structure stay, so budgets and reports still add up.
 *
 * Replaced: the member's name and platform user id (their handle: the row
 * no longer matches them, and if they come back they start afresh), their
 * time zone and quiet hours (removed), and their personal free text —
 * standup answers, comments on change decisions, the stakeholder role
 * written about them, the words they typed in the web console — also where
 * the audit trail copied them. Kept: the titles and notes of tasks, costs,
 * risks, change requests and charters they created (the team's records,
 * not about them). Charter stores no e-mail address.
 */
import type { TenantId } from "../../core/index.js";
import type { StoreContext, Tx } from "../client.js";
import { fromAuditJson, toAuditJson } from "../json.js";
import { write } from "../write.js";

/** The name a forgotten member is shown by. */
export const FORGOTTEN_NAME = "Forgotten member";
/** What stands where their free text was. */
export const FORGOTTEN_TEXT = "[removed]";
/** Who the audit names as having forgotten them: an operator at the command line. */
export const ERASURE_ACTOR = "cli";

/** How much of each kind was replaced. */
export interface ErasureCounts {
  standupAnswers: number;
  decisionComments: number;
  stakeholderRoles: number;
  consoleMessages: number;
  auditEvents: number;
}

export interface ForgottenMember {
  memberId: string;
  counts: ErasureCounts;
}

export interface MemberErasureRepository {
  /**
   * Forgets the member named by platform user id or member id; null when
   * the tenant has no such member (and nothing was written).
   */
  forget(tenantId: TenantId, member: string): Promise<ForgottenMember | null>;
}

/** Free-text fields the audit trail copies from the records above, by the entity its events are about. */
const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  standupAnswer: ["yesterday", "today", "blockers"],
  change: ["comment"],
  stakeholder: ["role"],
};

/** What to look for in an audit event, and what to put instead. */
interface Erasure {
  memberId: string;
  /** Whole strings that name the person (name, @name, platform user id) and their replacements. */
  names: ReadonlyMap<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The audit JSON with the person's names and personal text replaced; the same object when nothing was theirs. */
export function scrubAuditValue(value: unknown, entity: string, erasure: Erasure, own: boolean): unknown {
  if (typeof value === "string") return erasure.names.get(value) ?? value;
  if (Array.isArray(value)) {
    const items = value.map((item) => scrubAuditValue(item, entity, erasure, own));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (!isRecord(value)) return value;
  // A record of theirs: an answer, a decision, a stakeholder entry (it names them by memberId), or their member row.
  const theirs = own || value.memberId === erasure.memberId;
  const personal = theirs ? (PERSONAL_FIELDS[entity] ?? []) : [];
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    let next: unknown;
    if (personal.includes(key) && typeof field === "string") next = FORGOTTEN_TEXT;
    else if (own && entity === "member" && key === "quietHours") next = "";
    else if (own && entity === "member" && key === "timeZone") next = null;
    else if (own && entity === "member" && key === "name") next = FORGOTTEN_NAME;
    else next = scrubAuditValue(field, entity, erasure, false);
    if (next !== field) changed = true;
    out[key] = next;
  }
  return changed ? out : value;
}

const AUDIT_PAGE = 500;

/** Rewrites the tenant's audit events that hold the person's names or text; how many changed. */
async function scrubAudit(tx: Tx, tenantId: string, erasure: Erasure): Promise<number> {
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await tx.auditEvent.findMany({
      where: { tenantId, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: AUDIT_PAGE,
      select: { id: true, entity: true, entityId: true, before: true, after: true },
    });
    for (const row of rows) {
      const own = row.entity === "member" && row.entityId === erasure.memberId;
      const before = fromAuditJson(row.before);
      const afterValue = fromAuditJson(row.after);
      const scrubbedBefore = scrubAuditValue(before, row.entity, erasure, own);
      const scrubbedAfter = scrubAuditValue(afterValue, row.entity, erasure, own);
      if (scrubbedBefore === before && scrubbedAfter === afterValue) continue;
      await tx.auditEvent.update({
        where: { id: row.id },
        data: { before: toAuditJson(scrubbedBefore), after: toAuditJson(scrubbedAfter) },
      });
      changed++;
    }
    if (rows.length < AUDIT_PAGE) return changed;
    after = rows[rows.length - 1]!.id;
  }
}

export function memberErasureRepository(source: Pick<StoreContext, "prisma" | "provider">): MemberErasureRepository {
  const ctx: StoreContext = { prisma: source.prisma, provider: source.provider, knownTenants: new Set() };
  return {
    forget(tenantId, who) {
      return write(ctx, { tenantId, actorId: ERASURE_ACTOR }, async (tx, audit) => {
        const member = await tx.member.findFirst({ where: { tenantId, OR: [{ platformUserId: who }, { id: who }] } });
        if (!member) return null;
        const memberId = member.id;
        const forgottenId = `forgotten:${memberId}`;

        const answers = await tx.standupAnswer.count({
          where: { tenantId, memberId, OR: [{ yesterday: { not: null } }, { today: { not: null } }, { blockers: { not: null } }] },
        });
        for (const field of ["yesterday", "today", "blockers"] as const) {
          await tx.standupAnswer.updateMany({ where: { tenantId, memberId, [field]: { not: null } }, data: { [field]: FORGOTTEN_TEXT } });
        }
        const comments = await tx.changeDecision.updateMany({
          where: { tenantId, memberId, comment: { not: null } },
          data: { comment: FORGOTTEN_TEXT },
        });
        const roles = await tx.stakeholder.updateMany({
          where: { tenantId, memberId, role: { not: null } },
          data: { role: FORGOTTEN_TEXT },
        });
        const typed = await tx.consoleMessage.updateMany({
          where: { tenantId, author: "user", userId: member.platformUserId },
          data: { text: FORGOTTEN_TEXT, userId: forgottenId },
        });

        const names = new Map<string, string>(
          (
            [
              [member.name, FORGOTTEN_NAME],
              [`@${member.name}`, `@${FORGOTTEN_NAME}`],
              [member.platformUserId, forgottenId],
            ] as const
          ).filter(([name]) => name.trim() !== "" && name !== "@"),
        );
        const auditEvents = await scrubAudit(tx, tenantId, { memberId, names });

        await tx.member.update({
          where: { id: memberId },
          data: { name: FORGOTTEN_NAME, platformUserId: forgottenId, timeZone: null, quietHours: "" },
        });
        const counts: ErasureCounts = {
          standupAnswers: answers,
          decisionComments: comments.count,
          stakeholderRoles: roles.count,
          consoleMessages: typed.count,
          auditEvents,
        };
        // The record that it happened names no one: the member id, and how much was replaced.
        await audit({
          action: "member.forget",
          entity: "member",
          entityId: memberId,
          projectId: null,
          after: { name: FORGOTTEN_NAME, replaced: counts },
        });
        return { memberId, counts };
      });
    },
  };
}
