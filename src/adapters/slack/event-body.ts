/**
 * Slack's events route reads the body itself before Bolt does: the size
 * limit is enforced the way every other route enforces it, and a body Bolt
 * would parse to `null` (JSON `null`, or a form whose `payload` is `null`) is
 * refused with 400. Bolt handles the request in a detached promise and reads
 * `body.ssl_check` on whatever it parsed, so such a body, correctly signed,
 * would end in an unhandled rejection that stops the process.
 */
import type { IncomingMessage } from "node:http";
import { parse } from "node:querystring";

/** Whether Bolt's request parsing would make `null` of this body. */
export function parsesToNull(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString("utf8");
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      const { payload } = parse(text);
      return typeof payload === "string" && JSON.parse(payload) === null;
    }
    return JSON.parse(text) === null;
  } catch {
    // Not JSON at all: Bolt answers that with 400 itself.
    return false;
  }
}

/** Bolt reads a body already buffered on the request instead of the stream. */
export function bufferedForBolt(req: IncomingMessage, raw: Buffer): IncomingMessage {
  return Object.assign(req, { rawBody: raw });
}
