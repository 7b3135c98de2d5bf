/** GET /console/assets/*: the stylesheet, the script and the command list (no session needed: nothing in them is private). */
import { ASSETS } from "../assets/index.js";
import type { RequestContext } from "../deps.js";
import { sendText } from "../respond.js";

export function asset(ctx: RequestContext): void {
  const found = ASSETS[ctx.url.pathname];
  if (!found) sendText(ctx.res, 404, "text/plain; charset=utf-8", "not found");
  else sendText(ctx.res, 200, found.type, found.body(), { "cache-control": "no-cache" });
}
