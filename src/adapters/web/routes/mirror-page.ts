/** GET /console/mirror/<platform>/<tenant>/<channel>: a read-only copy of what Charter posted to a Slack or Teams channel. */
import type { Platform } from "../../../core/index.js";
import type { RequestContext } from "../deps.js";
import { renderChannel } from "./chat-page.js";

export function mirrorPage(ctx: RequestContext): Promise<void> {
  const [platform, tenantId, channelId] = ctx.params as [Exclude<Platform, "local">, string, string];
  return renderChannel(ctx, { platform, tenantId, channelId });
}
