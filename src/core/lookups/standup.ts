/** The standup a command in this channel is about. */
import type { ProjectCommandContext } from "../commands/define.js";
import type { Platform, StandupSchedule } from "../store.js";

/**
 * This channel's schedule; else (typed in a DM, or in another channel) the
 * project's only one, or the only one the person takes part in.
 */
export async function standupFor(ctx: ProjectCommandContext): Promise<StandupSchedule | null> {
  const here = await ctx.store.standups.forChannel(ctx.tenant, ctx.project.id, ctx.channel.id);
  if (here?.active) return here;
  const all = await ctx.store.standups.list(ctx.tenant, ctx.project.id);
  if (all.length === 1) return all[0]!;
  const mine = all.filter((s) => s.participants.includes(ctx.user.id));
  return mine.length === 1 ? mine[0]! : null;
}

/** Where the scheduler posts for a conversation of this kind. */
export function platformOf(channel: ProjectCommandContext["channel"]): Platform {
  return channel.platform === "slack" || channel.platform === "teams" ? channel.platform : "local";
}

export const NO_STANDUP =
  "No standup is set up for this channel yet. Set one up with `standup setup`, e.g. `standup setup days mon-fri at 09:00`.";
