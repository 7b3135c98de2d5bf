/**
 * Puts a Reply in front of the right people: through the request's
 * response_url when there is one (ephemeral for private replies, in the
 * channel for team news), otherwise with chat.postMessage / postEphemeral,
 * falling back to a DM when the bot cannot post in the channel.
 *
 * Charts and files cannot ride in a message: they are uploaded after it
 * (files.uploadV2) where the message went: the channel, or its thread when
 * the request came from one. A private reply's files go to the user's DM
 * with Charter, never into the channel, and the reply says so. An upload
 * that fails is logged and the user gets a line saying so.
 */
import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { type Logger, attachmentsOf, withoutAttachments, type Attachment, contextLine, type Reply } from "../../core/index.js";
import { toSlackMessages } from "./render/messages.js";
import {
  CANNOT_POST,
  directMessageWith,
  namesOf,
  slackErrorCode,
  uploadAttachments,
  uploadFailureLine,
  type UploadPlace,
} from "./uploads.js";

export interface Destination {
  channelId: string | undefined;
  userId: string;
  threadTs?: string | undefined;
}

/** What respondWith needs to upload a reply's charts and files: response_url cannot carry them. */
export interface FileDelivery {
  client: WebClient;
  log: Logger;
  to: Destination;
}

/** Slack's direct-message conversation ids start with D. */
const isDirectMessage = (channelId: string) => channelId.startsWith("D");

const withNote = (reply: Reply, note: string | undefined): Reply =>
  note ? { ...reply, blocks: [...reply.blocks, contextLine(note)] } : reply;

export async function respondWith(respond: RespondFn, reply: Reply, files?: FileDelivery): Promise<void> {
  const attachments = files ? attachmentsOf(reply) : [];
  if (!files || !attachments.length) return respondMessages(respond, reply);
  const message = withoutAttachments(reply);
  if (reply.visibility === "channel") {
    await respondMessages(respond, message);
    const note = await shareInChannel(files, attachments, reply.summary);
    if (note) await respond({ response_type: "ephemeral", replace_original: false, text: note });
  } else {
    // Uploaded first, so the one private answer can say truthfully where the files are.
    const sent = await sendToDirectMessage(files, attachments, reply.summary);
    await respondMessages(respond, withNote(message, sent.line));
  }
}

async function respondMessages(respond: RespondFn, reply: Reply): Promise<void> {
  for (const message of toSlackMessages(reply)) {
    await respond({
      response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  }
}

/** Shares into the request's channel (and thread); to the user's DM when the bot may not post there. Returns a line for the user, if any. */
async function shareInChannel(files: FileDelivery, attachments: Attachment[], summary: string): Promise<string | undefined> {
  const { client, log, to } = files;
  try {
    if (!to.channelId) throw Object.assign(new Error("no channel"), { data: { error: "channel_not_found" } });
    await uploadAttachments(client, { channelId: to.channelId, threadTs: to.threadTs }, attachments);
    return undefined;
  } catch (err) {
    const code = slackErrorCode(err);
    if (!CANNOT_POST.has(code)) return failed(log, attachments, code);
    return insteadByDirectMessage(files, attachments, summary, code);
  }
}

/** The channel would not take the files: they go to the user's DM, and the line says why. */
async function insteadByDirectMessage(files: FileDelivery, attachments: Attachment[], summary: string, code: string): Promise<string> {
  files.log.info("slack channel not reachable for files, sending them by DM", { code });
  const sent = await sendToDirectMessage(files, attachments, summary);
  return sent.ok
    ? `Charter can't share files in this channel (invite @Charter to it), so it sent ${namesOf(attachments)} to you in a direct message.`
    : sent.line;
}

/** Shares into the user's DM with Charter, with the reply's summary above them. The line tells the user where the files went, or why they did not. */
async function sendToDirectMessage(
  files: FileDelivery,
  attachments: Attachment[],
  summary: string,
): Promise<{ ok: boolean; line: string }> {
  const { client, log, to } = files;
  try {
    const dm = await directMessageWith(client, to.userId);
    await uploadAttachments(client, { channelId: dm }, attachments, summary);
    const where = dm === to.channelId ? "here" : "to you in a direct message from Charter";
    return { ok: true, line: `Sent ${namesOf(attachments)} ${where}.` };
  } catch (err) {
    return { ok: false, line: failed(log, attachments, slackErrorCode(err)) };
  }
}

function failed(log: Logger, attachments: Attachment[], code: string): string {
  // Names and sizes only: never the bytes, never a token.
  log.warn("slack file upload failed", {
    code,
    files: attachments.map((a) => a.filename),
    bytes: attachments.reduce((n, a) => n + a.bytes.byteLength, 0),
  });
  return uploadFailureLine(attachments, code);
}

export async function postReply(client: WebClient, log: Logger, to: Destination, reply: Reply): Promise<void> {
  const attachments = attachmentsOf(reply);
  let message = attachments.length ? withoutAttachments(reply) : reply;
  const inPlace = reply.visibility === "channel" || (to.channelId !== undefined && isDirectMessage(to.channelId));
  // A private answer in a channel is ephemeral: its files go to the user's DM, and the answer says so.
  if (attachments.length && !inPlace)
    message = withNote(message, (await sendToDirectMessage({ client, log, to }, attachments, reply.summary)).line);

  let place: UploadPlace | undefined;
  for (const page of toSlackMessages(message)) {
    try {
      if (!to.channelId) throw Object.assign(new Error("no channel"), { data: { error: "channel_not_found" } });
      // A DM with the bot is private already: a plain message there stays, where an ephemeral one would vanish on reload.
      if (inPlace) {
        const posted = await client.chat.postMessage({
          channel: to.channelId,
          text: page.text,
          blocks: page.blocks,
          ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        });
        place ??= { channelId: posted.channel ?? to.channelId, threadTs: to.threadTs };
      } else {
        await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, text: page.text, blocks: page.blocks });
      }
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (!code || !CANNOT_POST.has(code)) throw err;
      log.info("slack channel not reachable, answering by DM", { code });
      const posted = await client.chat.postMessage({ channel: to.userId, text: page.text, blocks: page.blocks });
      // Only the first page decides where the files go; later pages follow it.
      place ??= posted.channel ? { channelId: posted.channel } : undefined;
    }
  }
  if (!attachments.length || !inPlace) return;

  try {
    if (!place) throw Object.assign(new Error("no conversation"), { data: { error: "channel_not_found" } });
    await uploadAttachments(client, place, attachments);
  } catch (err) {
    const code = slackErrorCode(err);
    const note = CANNOT_POST.has(code)
      ? await insteadByDirectMessage({ client, log, to }, attachments, reply.summary, code)
      : failed(log, attachments, code);
    await tellUser(client, log, to, note, place);
  }
}

/** A line for the user alone: ephemeral where the reply went, else in their DM. Never throws. */
async function tellUser(client: WebClient, log: Logger, to: Destination, text: string, place: UploadPlace | undefined): Promise<void> {
  try {
    if (place && !isDirectMessage(place.channelId)) {
      await client.chat.postEphemeral({
        channel: place.channelId,
        user: to.userId,
        text,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      });
    } else {
      await client.chat.postMessage({
        channel: place?.channelId ?? to.userId,
        text,
        ...(place?.threadTs ? { thread_ts: place.threadTs } : {}),
      });
    }
  } catch (err) {
    log.warn("slack could not tell the user about their files", { code: slackErrorCode(err) });
  }
}
