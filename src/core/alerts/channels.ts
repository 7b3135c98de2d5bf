import type { Context } from "../context.js";

/**
 * Where a project's immediate alerts go. The store port cannot list a
 * project's linked channels yet, so an alert goes to the channel the change
 * was made in: the project's own channel in the usual case, and wherever the
 * change was typed when it named the project with `in "<name>"`.
 */
export function alertChannels(ctx: Pick<Context, "channel">): string[] {
  return [ctx.channel.id];
}
