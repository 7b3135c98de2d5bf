/**
 * POST /console/c/<channel>/messages: runs the words as a command, exactly as
 * `/pm` would, keeps both sides in the channel, and goes back to the channel
 * (303, so a reload never runs the command twice). Buttons post here too.
 */
import { dispatch } from "../../../core/index.js";
import type { RequestContext } from "../deps.js";
import { webContext } from "../context.js";
import { channelPath } from "../paths.js";
import { redirect } from "../respond.js";

/** Longest command line accepted. */
const MAX_WORDS = 4000;

export async function postMessage(ctx: RequestContext): Promise<void> {
  const channelId = ctx.params[0]!;
  const words = (ctx.form?.get("text") ?? "").trim().slice(0, MAX_WORDS);
  if (!words) {
    redirect(ctx.res, channelPath(channelId));
    return;
  }
  const { deps } = ctx;
  const context = await webContext(deps.runtime, channelId);
  await deps.console.addTyped(channelId, context.user.platformUserId, words);
  const reply = await dispatch(context, words);
  const stored = await deps.console.addReply(channelId, reply);
  redirect(ctx.res, `${channelPath(channelId)}#m-${stored.id}`);
}
