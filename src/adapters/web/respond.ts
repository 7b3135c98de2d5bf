/** Writing the console's responses: security headers on each, HTML, redirects, and reading form bodies. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, refuseTooLarge } from "../../http/body.js";
import type { Html } from "./html.js";

/** Scripts and styles from the console's own origin only; no inline script, no framing, forms post here only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // One-time sign-in tokens are in URLs: they must never travel on in a Referer.
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export function sendHtml(res: ServerResponse, status: number, body: Html, headers: Record<string, string | string[]> = {}): void {
  const text = body.toString();
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, "content-length": 0, ...headers });
  res.end();
}

/** Largest form body accepted: a command, a form's fields and a CSRF token are a few kilobytes. */
export const MAX_FORM_BYTES = 64 * 1024;

export class BadRequest extends Error {}

/** An application/x-www-form-urlencoded body; anything else is a BadRequest, too large a PayloadTooLarge. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new BadRequest("expected a form submission");
  return new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString("utf8"));
}

/** 413 for a form body over the limit; the connection is closed after it. */
export function formTooLarge(res: ServerResponse): void {
  refuseTooLarge(res, "text/plain; charset=utf-8", `form too large (at most ${MAX_FORM_BYTES / 1024} KB)\n`, SECURITY_HEADERS);
}
