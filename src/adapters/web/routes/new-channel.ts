/** GET /console/new?name=<channel>: opens (and so creates) a local channel. */
import type { RequestContext } from "../deps.js";
import { html } from "../html.js";
import { CHANNEL_NAME, channelPath } from "../paths.js";
import { messagePage } from "../render/page.js";
import { redirect, sendHtml } from "../respond.js";

export function newChannel(ctx: RequestContext): void {
  const name = (ctx.url.searchParams.get("name") ?? "").trim().replace(/^#/, "");
  if (!CHANNEL_NAME.test(name)) {
    sendHtml(
      ctx.res,
      400,
      messagePage(
        "Not a channel name",
        html`<p>Channel names are up to 63 letters, digits, dots, dashes and underscores, starting with a letter or digit.</p><p><a href="/console/">Back to the console</a></p>`,
      ),
    );
    return;
  }
  redirect(ctx.res, channelPath(name));
}
