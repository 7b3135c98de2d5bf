/**
 * Slack's HTTP requests to an app, byte for byte: slash commands
 * form-encoded, interactivity as `payload=<JSON>` in a form, events as JSON,
 * each signed with the signing secret. postSigned sends one to the app's
 * HTTP endpoint and times the answer (Slack gives up after 3 seconds).
 */
import { VERIFICATION_TOKEN } from "./ids.js";
import { signSlackRequest } from "./signing.js";
import { eventPayload, slashCommandPayload, type EventOptions, type SlashCommandOptions } from "./payloads.js";

export { signSlackRequest, nowSeconds, type SlackSignatureHeaders } from "./signing.js";
export {
  appHomeOpenedEvent,
  appMentionEvent,
  blockActionsPayload,
  eventPayload,
  inputValue,
  messageEvent,
  slashCommandPayload,
  UNROUTED_RESPONSE_URL,
  viewClosedPayload,
  viewSubmissionPayload,
  type ActionSpec,
  type BlockActionsOptions,
  type ChannelRef,
  type Container,
  type EventOptions,
  type SlashCommandOptions,
  type TeamRef,
  type UserRef,
  type ViewSpec,
  type ViewSubmissionOptions,
} from "./payloads.js";

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

/** `token=...&team_id=...&command=%2Fpm&text=...`, as Slack posts a slash command. */
export function slashCommandBody(options: SlashCommandOptions = {}): string {
  return new URLSearchParams(slashCommandPayload(options)).toString();
}

/** `payload=<url-encoded JSON>`, as Slack posts block_actions, view_submission and view_closed. */
export function interactivityBody(payload: Record<string, unknown>): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The JSON body of an Events API delivery (type "event_callback"). */
export function eventBody(options: EventOptions): string {
  return JSON.stringify(eventPayload(options));
}

/** The one-time check Slack makes when an events URL is configured. */
export function urlVerificationBody(challenge: string, token = VERIFICATION_TOKEN): string {
  return JSON.stringify({ token, challenge, type: "url_verification" });
}

export interface PostSignedOptions {
  secret: string;
  /** Unix seconds to sign with; now by default. */
  timestamp?: number;
  /** Guessed from the body when left out: JSON for "{...}", otherwise form-encoded. */
  contentType?: string;
  /** Extra headers, applied last (so they can also replace the signature), e.g. X-Slack-Retry-Num. */
  headers?: Record<string, string>;
  /** Abort after this long; Slack itself waits 3000 ms. Default 10000. */
  timeoutMs?: number;
}

export interface SignedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  /** From sending the request to reading the whole answer. */
  elapsedMs: number;
}

export async function postSigned(url: string, body: string, options: PostSignedOptions): Promise<SignedResponse> {
  const contentType = options.contentType ?? (body.trimStart().startsWith("{") ? JSON_TYPE : FORM);
  const headers = {
    "Content-Type": contentType,
    "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    ...signSlackRequest(options.secret, body, options.timestamp),
    ...options.headers,
  };
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  const text = await response.text();
  const elapsedMs = performance.now() - started;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: text,
    ...(json !== undefined ? { json } : {}),
    elapsedMs,
  };
}
