/** GET /console/c/<channel> (and /console/): a local channel's messages and the composer. */
import type { Form } from "../../../core/index.js";
import { CONSOLE_TENANT, type ChannelEntry } from "../../../store/repositories/console.js";
import type { RequestContext } from "../deps.js";
import { renderChat, channelTitle } from "../render/chat.js";
import { page } from "../render/page.js";
import { sendHtml } from "../respond.js";
import { loadSidebar } from "./sidebar.js";

export const localChannel = (channelId: string): ChannelEntry => ({ platform: "local", tenantId: CONSOLE_TENANT, channelId });

/** Renders the channel; `retry` shows a rejected form in place of the one its message carries (status 422). */
export async function renderChannel(
  ctx: RequestContext,
  channel: ChannelEntry,
  status = 200,
  retry?: { messageId: string; form: Form },
): Promise<void> {
  const [messages, sidebar] = await Promise.all([
    ctx.deps.console.messages(channel),
    loadSidebar(ctx.deps, { kind: "channel", channel }, channel.platform === "local" ? channel.channelId : undefined),
  ]);
  const csrf = channel.platform === "local" ? ctx.csrf : null;
  const body = page(channelTitle(channel), sidebar, renderChat(messages, { channel, csrf }, retry));
  sendHtml(ctx.res, status, body, ctx.setCookie ? { "set-cookie": ctx.setCookie } : {});
}

export function chatPage(ctx: RequestContext): Promise<void> {
  return renderChannel(ctx, localChannel(ctx.params[0] ?? "local"));
}
