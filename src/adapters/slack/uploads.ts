/**
 * Charts and exported files go to Slack as files (files.uploadV2: the bytes
 * to the URL Slack hands out, then completeUploadExternal shares them into a
 * conversation, in a thread when given one). Nothing here logs file bytes or
 * tokens: failures are reported by their Slack error code.
 */
import type { WebClient } from "@slack/web-api";
import type { Attachment } from "../../core/index.js";
import { clipMrkdwn, mrkdwn } from "./render/mrkdwn.js";

/** Where files are shared: a conversation id (C…, G…, D…), and the parent message's ts for a thread reply. */
export interface UploadPlace {
  channelId: string;
  threadTs?: string | undefined;
}

/** Slack errors that mean the bot may not post in that conversation (a DM with the user still works). */
export const CANNOT_POST = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_in_channel",
  "invalid_channel",
  "access_denied",
]);

// Slack's documented limits for a file's title and an image's alt text.
const TITLE = 250;
const ALT_TEXT = 1_000;
const FILES_PER_MESSAGE = 10;
// A message's text is cut by Slack at 40,000 characters; a comment above files stays well inside.
const COMMENT = 3_000;

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

function fileUpload(attachment: Attachment) {
  return {
    file: Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength),
    filename: attachment.filename,
    title: clip(attachment.title, TITLE),
    ...(attachment.altText ? { alt_text: clip(attachment.altText, ALT_TEXT) } : {}),
  };
}

/**
 * Shares the attachments into one conversation (or thread) as one message
 * (one per ten files), with `comment` (core text, shown as mrkdwn like any
 * message) above them when given. Throws the WebClient's error.
 */
export async function uploadAttachments(
  client: WebClient,
  place: UploadPlace,
  attachments: readonly Attachment[],
  comment?: string,
): Promise<void> {
  const destination = { channel_id: place.channelId, ...(place.threadTs ? { thread_ts: place.threadTs } : {}) };
  // Slack shares at most 10 files with one message.
  for (let start = 0; start < attachments.length; start += FILES_PER_MESSAGE) {
    await client.filesUploadV2({
      ...destination,
      ...(comment && start === 0 ? { initial_comment: clipMrkdwn(mrkdwn(comment), COMMENT) } : {}),
      file_uploads: attachments.slice(start, start + FILES_PER_MESSAGE).map(fileUpload),
    } as Parameters<WebClient["filesUploadV2"]>[0]);
  }
}

/** The conversation id of the bot's direct message with a user (conversations.open). */
export async function directMessageWith(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw Object.assign(new Error("conversations.open returned no channel"), { data: { error: "channel_not_found" } });
  return id;
}

/** The Slack error code of a failed call ("not_in_channel", "ratelimited", "missing_scope"...), or a short description. */
export function slackErrorCode(error: unknown): string {
  const coded = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (coded?.data?.error) return coded.data.error;
  if (coded?.code === "slack_webapi_rate_limited_error") return "ratelimited";
  if (coded?.code === "slack_webapi_http_error") return `http_${coded.statusCode ?? "error"}`;
  if (coded?.code === "slack_webapi_request_error") return "request_error";
  return coded?.code ?? "unknown_error";
}

/** "tasks.csv", "tasks.csv and costs.csv", "tasks.csv, costs.csv and risks.csv". */
export function namesOf(attachments: readonly Attachment[]): string {
  const names = attachments.map((a) => a.filename);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** One line for the person who asked, when their files could not be delivered. */
export function uploadFailureLine(attachments: readonly Attachment[], code: string): string {
  const names = namesOf(attachments);
  if (code === "missing_scope" || code === "not_allowed_token_type" || code === "no_permission") {
    return `:warning: Charter could not send ${names}: it needs Slack's files:write permission. Ask a workspace admin to reinstall Charter.`;
  }
  if (code === "ratelimited") return `:warning: Slack is busy, so Charter could not send ${names}. Please try again in a minute.`;
  return `:warning: Charter could not send ${names} (Slack said \`${code}\`). Please try again in a moment.`;
}
