/** The standup a command in this channel is about. */
import type { ProjectCommandContext } from "../define.js";
import type { Platform, StandupSchedule } from "../../store.js";

/** This channel's schedule, else the project's only one. */
export async function standupFor(ctx: ProjectCommandContext): Promise<StandupSchedule | null> {
  const here = await ctx.store.standups.forChannel(ctx.tenant, ctx.project.id, ctx.channel.id);
  if (here?.active) return here;
  const all = await ctx.store.standups.list(ctx.tenant, ctx.project.id);
  return all.length === 1 ? all[0]! : null;
}

/** Where the scheduler posts for a conversation of this kind. */
export function platformOf(channel: ProjectCommandContext["channel"]): Platform {
  return channel.platform === "slack" || channel.platform === "teams" ? channel.platform : "local";
}

export const NO_STANDUP = "No standup is set up for this channel yet. Set one up with `standup setup`, e.g. `standup setup days mon-fri at 09:00`.";
