import type { ProjectCommandContext } from "../commands/define.js";
import type { ChangeRequest, Member } from "../store.js";
import { approverIds } from "../domain/change-policy.js";
import { contextLine, rejection, text, type Reply } from "../views/reply.js";
import { ref } from "../commands/shared.js";

/** The change request numbered, or a rejection that says where to look. */
export async function findChange(ctx: ProjectCommandContext, number: number): Promise<ChangeRequest | Reply> {
  const change = await ctx.store.changes.byNumber(ctx.tenant, ctx.project.id, number);
  if (change) return change;
  const message = `There is no change request ${ref(number)} in ${ctx.project.name}.`;
  return rejection(message, [text(message), contextLine("`change list all` shows every change request with its number.")]);
}

/** The project's approvers as members: the manager first, then the stakeholders marked as approvers. */
export async function approversOf(ctx: ProjectCommandContext): Promise<Member[]> {
  const ids = approverIds(ctx.project, await ctx.store.stakeholders.list(ctx.tenant, ctx.project.id));
  const members = new Map((await ctx.store.members.getMany(ctx.tenant, ids)).map((m) => [m.id, m]));
  return ids.flatMap((id) => members.get(id) ?? []);
}
