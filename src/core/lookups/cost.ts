/** Finding a logged cost by the #number `cost list` shows, and who may change it. */
import { mayChange, refusal } from "../authorization.js";
import type { ProjectCommandContext } from "../commands/define.js";
import { ref } from "../commands/shared.js";
import type { CostEntry } from "../store.js";
import { contextLine, rejection, text, type Reply } from "../views/reply.js";

/**
 * The cost numbered, if the acting member may change it: whoever logged it,
 * or the project's owners and managers. Otherwise a rejection (nothing written).
 */
export async function findOwnCost(ctx: ProjectCommandContext, number: number, action: string): Promise<CostEntry | Reply> {
  const cost = await ctx.store.costs.byNumber(ctx.tenant, ctx.project.id, number);
  if (!cost) {
    const message = `There is no cost ${ref(number)} in ${ctx.project.name}.`;
    return rejection(message, [text(message), contextLine("`cost list` shows the costs with their numbers.")]);
  }
  if (!mayChange(ctx, ctx.authority, [cost.createdById])) {
    return refusal(ctx, ctx.project, ctx.authority, "manager", `${action} costs other people logged (${ref(number)})`);
  }
  return cost;
}
