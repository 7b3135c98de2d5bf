import { channelRef } from "../views/references.js";
import type { Context } from "../context.js";
import { joinWords } from "../commands/shared.js";
import type { Project } from "../store.js";
import { contextLine, type Block, type Reply } from "../views/reply.js";
import { alertChannels } from "./channels.js";

/**
 * Queues an alert to every alert channel under its dedupe key. The change
 * that raised it is already saved, so a failing outbox is logged rather than
 * turned into a failed command. Returns the channels it was newly queued for
 * (empty when it had been posted before).
 */
export async function postAlert(
  ctx: Pick<Context, "tenant" | "channel" | "notify" | "log" | "store">,
  project: Pick<Project, "id" | "alertChannelId">,
  dedupeKey: string,
  alert: Reply,
): Promise<string[]> {
  let channels: string[];
  try {
    channels = await alertChannels(ctx, project);
  } catch (error) {
    ctx.log.error("Could not find the alert channels", { dedupeKey, error: String(error) });
    channels = [ctx.channel.id];
  }
  const queued: string[] = [];
  for (const channelId of channels) {
    try {
      const result = await ctx.notify.post(ctx.tenant, { channelId, kind: "alert", dedupeKey: `${dedupeKey}:${channelId}`, reply: alert });
      if (result.created) queued.push(channelId);
    } catch (error) {
      ctx.log.error("Could not queue an alert", { dedupeKey, channelId, error: String(error) });
    }
  }
  return queued;
}

/** The line a command's reply adds when its change raised an alert. */
export function alertedLine(ctx: Pick<Context, "channel">, channels: readonly string[]): Block {
  const where = channels.length === 1 && channels[0] === ctx.channel.id ? "this channel" : joinWords(channels.map((id) => channelRef(id)));
  return contextLine(`The team was alerted in ${where}.`);
}
