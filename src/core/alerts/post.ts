import type { Context } from "../context.js";
import type { Reply } from "../views/reply.js";
import { alertChannels } from "./channels.js";

/**
 * Queues an alert to every alert channel under its dedupe key. The change
 * that raised it is already saved, so a failing outbox is logged rather than
 * turned into a failed command. Returns whether any message was newly queued.
 */
export async function postAlert(ctx: Pick<Context, "tenant" | "channel" | "notify" | "log">, dedupeKey: string, alert: Reply): Promise<boolean> {
  let created = false;
  for (const channelId of alertChannels(ctx)) {
    try {
      const result = await ctx.notify.post(ctx.tenant, { channelId, kind: "alert", dedupeKey: `${dedupeKey}:${channelId}`, reply: alert });
      created ||= result.created;
    } catch (error) {
      ctx.log.error("Could not queue an alert", { dedupeKey, channelId, error: String(error) });
    }
  }
  return created;
}
