import type { Context } from "../context.js";
import type { Project } from "../store.js";

/**
 * Where a project's immediate alerts go: the channel set with
 * `project alerts #channel`, else every channel linked to the project (the
 * one it was created in first), else the channel the change was made in.
 */
export async function alertChannels(
  ctx: Pick<Context, "tenant" | "channel" | "store">,
  project: Pick<Project, "id" | "alertChannelId">,
): Promise<string[]> {
  if (project.alertChannelId) return [project.alertChannelId];
  const linked = await ctx.store.projects.channels(ctx.tenant, project.id);
  return linked.length ? linked : [ctx.channel.id];
}
