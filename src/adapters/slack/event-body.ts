/**
 * Slack's events route reads the body itself before Bolt does: the size
 * limit is enforced the way every other route enforces it, and a signed body
 * of a shape Charter cannot act on is answered here, at once, instead of
 * reaching Bolt:
 *
 * - a body that is not an object (JSON `null`, a string, an array; a form
 *   whose `payload` is one), an event callback whose event is not an object,
 *   an interactive payload without a user, a slash command whose fields are
 *   repeated, or a form submission whose values are not text: 400. Bolt
 *   would end some of these in an unhandled rejection that stops the
 *   process (it reads `body.ssl_check` on whatever it parsed), others in a
 *   500;
 * - an interactive payload of a type no listener takes: 404 (Bolt would
 *   wait 3 s for an acknowledgement that never comes).
 */
import type { IncomingMessage } from "node:http";
import { parse } from "node:querystring";
import { z } from "zod";

/** The interactive payload types Charter has listeners for. */
const INTERACTIVE_TYPES = new Set(["block_actions", "view_submission"]);

const text = z.string().nullish();
const texts = z.array(z.string()).nullish();
const option = z.object({ value: z.string() }).nullish();
/** One element's state in a submitted view: every field Charter reads is text (or a number of seconds). */
const stateValue = z.object({
  type: z.string(),
  value: text,
  selected_option: option,
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: text,
  selected_users: texts,
  selected_date: text,
  selected_time: text,
  selected_date_time: z.number().nullish(),
  selected_conversation: text,
  selected_channel: text,
  selected_conversations: texts,
  selected_channels: texts,
});
const user = z.object({ id: z.string() });
const viewSubmission = z.object({
  user,
  view: z.object({ id: z.string(), state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }) }),
});
const blockActions = z.object({ user });
const eventCallback = z.object({ event: z.object({ type: z.string() }) });
/** Fields of a slash command Charter reads: each given once (a repeated field parses to an array). */
const SLASH_FIELDS = [
  "command",
  "text",
  "team_id",
  "enterprise_id",
  "user_id",
  "user_name",
  "channel_id",
  "channel_name",
  "trigger_id",
  "response_url",
];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** 400 or 404 for a body Charter refuses before Bolt, null to hand it to Bolt. Bodies that are not JSON are Bolt's to refuse. */
export function refusalOf(raw: Buffer, contentType: string | undefined): 400 | 404 | null {
  const body = raw.toString("utf8");
  // Parsed as Bolt parses it: a form only under exactly this content type, JSON otherwise.
  if (contentType === "application/x-www-form-urlencoded") {
    const form = parse(body);
    if (form.payload === undefined) {
      if (form.command === undefined) return null;
      return SLASH_FIELDS.some((field) => Array.isArray(form[field])) ? 400 : null;
    }
    if (typeof form.payload !== "string") return 400;
    const payload = parsedJson(form.payload);
    if (payload === NOT_JSON) return null;
    if (!isObject(payload)) return 400;
    if (typeof payload.type !== "string" || !INTERACTIVE_TYPES.has(payload.type)) return 404;
    const shape = payload.type === "view_submission" ? viewSubmission : blockActions;
    return shape.safeParse(payload).success ? null : 400;
  }
  const event = parsedJson(body);
  if (event === NOT_JSON) return null;
  if (!isObject(event)) return 400;
  if (event.type === "event_callback" && !eventCallback.safeParse(event).success) return 400;
  return null;
}

const NOT_JSON = Symbol("not JSON");

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Slack's `ssl_check=1` probe: Bolt answers it without a signature (and so without a timestamp). */
export function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return contentType === "application/x-www-form-urlencoded" && parse(raw.toString("utf8")).ssl_check === "1";
}

/** Bolt reads a body already buffered on the request instead of the stream. */
export function bufferedForBolt(req: IncomingMessage, raw: Buffer): IncomingMessage {
  return Object.assign(req, { rawBody: raw });
}
