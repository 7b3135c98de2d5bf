/**
 * Who may do what to a project: the one place for every role check, used by
 * the dispatcher (a command's `permission`), by the commands (someone else's
 * entry, charter approval, change decisions, roles) and inside their store
 * transactions, where the same checks run again on fresh data.
 *
 * Owners and managers run a project: budget, settings, close and reopen, and
 * anyone's tasks and risks. Only owners give and take away roles, and a
 * project always keeps one owner. Everyone else in the workspace logs their
 * own costs and tasks and changes their own entries. The owners, managers
 * and stakeholders approve the charter; the manager and the stakeholders
 * marked as approvers decide on change requests. Workspace admins may do
 * everything a role allows.
 */
import type { Context } from "./context.js";
import type { Project, ProjectRole, ProjectRoleName, Scope, Stakeholder, Store, TransactionOptions } from "./store.js";
import { rejection, type Reply } from "./views/reply.js";
import { joinWords, membersById } from "./commands/shared.js";

/** The role a command needs: "manager" lets owners and managers run it, "owner" only owners. */
export type Role = ProjectRoleName;

export interface Authority {
  /** The acting member's role on the project, if any. */
  role: Role | null;
  admin: boolean;
  /** Everyone with a role on the project, owners first. */
  roles: readonly ProjectRole[];
}

/** The acting member's standing on the project, read through `ctx.store` (a transaction's store reads it fresh). */
export async function authorityOf(ctx: Pick<Context, "store" | "tenant" | "user">, project: Pick<Project, "id">): Promise<Authority> {
  const roles = await ctx.store.roles.list(ctx.tenant, project.id);
  return { roles, role: roles.find((r) => r.memberId === ctx.user.id)?.role ?? null, admin: ctx.user.role === "admin" };
}

/** Does the authority meet the role asked for (owners meet "manager" too)? */
export function holds(authority: Authority, needed: Role): boolean {
  if (authority.admin || authority.role === "owner") return true;
  return needed === "manager" && authority.role === "manager";
}

/** May change an entry that belongs to these members (creator, assignee, owner): its people, or whoever runs the project. */
export function mayChange(ctx: Pick<Context, "user">, authority: Authority, entryPeople: readonly (string | null | undefined)[]): boolean {
  return holds(authority, "manager") || entryPeople.includes(ctx.user.id);
}

const whoMay = (needed: Role): string => (needed === "owner" ? "owners" : "owners and managers");

/** Someone besides the project's roles who may do it: "Uptime's owner" and their member id. */
export interface AlsoMay {
  who: string;
  memberId: string;
}

/** "Only Apollo's owners and managers can change its budget — ask @pat." Private; nothing was written. */
export async function refusal(
  ctx: Context,
  project: Pick<Project, "name">,
  authority: Authority,
  needed: Role,
  action: string,
  also?: AlsoMay,
): Promise<Reply> {
  const ids = authority.roles.filter((r) => needed === "manager" || r.role === "owner").map((r) => r.memberId);
  if (also && !ids.includes(also.memberId)) ids.push(also.memberId);
  const people = await membersById(ctx, ids);
  const names = ids
    .map((id) => people.get(id))
    .filter((m) => m !== undefined)
    .map((m) => `@${m.name}`);
  const ask = names.length ? `ask ${joinWords(names).replace(/ and (?=[^ ]+$)/, " or ")}` : "ask a workspace admin";
  const who = also ? `${whoMay(needed)} and ${also.who}` : whoMay(needed);
  return rejection(`Only ${project.name}'s ${who} can ${action} — ${ask}.`);
}

/**
 * Work on a project that needs `needed`, in one store transaction: the
 * project's row is held until the commit and the acting member's role is read
 * again inside it, so a role taken away since the dispatcher checked it is
 * honoured. `work` gets the project and the authority as the transaction read
 * them; `refused` is the dispatcher's refusal (nothing written) when the
 * member no longer holds the role.
 */
export async function withRole<T>(
  ctx: Context & { scope: Scope },
  project: Pick<Project, "id">,
  needed: Role,
  action: string,
  work: (tx: Store, project: Project, authority: Authority) => Promise<T>,
  options?: TransactionOptions,
): Promise<{ refused: Reply } | { done: T }> {
  type Read = { held: true; done: T } | { held: false; project: Project; authority: Authority };
  const outcome = await ctx.store.transaction(
    ctx.scope,
    async (tx): Promise<Read> => {
      const fresh = await tx.projects.lock(ctx.tenant, project.id);
      const authority = await authorityOf({ ...ctx, store: tx }, fresh);
      if (!holds(authority, needed)) return { held: false, project: fresh, authority };
      return { held: true, done: await work(tx, fresh, authority) };
    },
    options,
  );
  if (outcome.held) return { done: outcome.done };
  return { refused: await refusal(ctx, outcome.project, outcome.authority, needed, action) };
}

/**
 * Why the member cannot be given `role` (null: no role): the project's last
 * owner stepping down. Null when they can.
 */
export function roleChangeRefusal(
  project: Pick<Project, "name">,
  roles: readonly ProjectRole[],
  memberId: string,
  role: Role | null,
): string | null {
  const before = roles.find((r) => r.memberId === memberId)?.role ?? null;
  const lastOwner = before === "owner" && roles.filter((r) => r.role === "owner").length === 1;
  return lastOwner && role !== "owner" ? `${project.name} needs at least one owner: make someone else an owner first.` : null;
}

/** Who may approve the charter: the owners and managers first, then the stakeholders. */
export function charterApproverIds(
  roles: readonly Pick<ProjectRole, "memberId">[],
  stakeholders: readonly Pick<Stakeholder, "memberId">[],
): string[] {
  return [...new Set([...roles.map((r) => r.memberId), ...stakeholders.map((s) => s.memberId)])];
}

/** May decide on a change request: one of the project's approvers (domain/change-policy.ts `approverIds`); a role alone does not make one. */
export function mayDecideChanges(memberId: string, approverIds: readonly string[]): boolean {
  return approverIds.includes(memberId);
}
