import type { ProjectCommandContext } from "../commands/define.js";
import type { Risk } from "../store.js";
import { contextLine, rejection, text, type Reply } from "../views/reply.js";
import { ref } from "../commands/shared.js";

/** The risk numbered, or a rejection that says where to look. */
export async function findRisk(ctx: ProjectCommandContext, number: number): Promise<Risk | Reply> {
  const risk = await ctx.store.risks.byNumber(ctx.tenant, ctx.project.id, number);
  if (risk) return risk;
  const message = `There is no risk ${ref(number)} in ${ctx.project.name}.`;
  return rejection(message, [text(message), contextLine("`risk list all` shows every risk with its number.")]);
}
