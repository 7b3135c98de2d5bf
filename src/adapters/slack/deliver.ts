/**
 * Puts a Reply in front of the right people: through the request's
 * response_url when there is one (ephemeral for private replies, in the
 * channel for team news), otherwise with chat.postMessage / postEphemeral,
 * falling back to a DM when the bot cannot post in the channel.
 */
import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../core/context.js";
import type { Reply } from "../../core/views/reply.js";
import { toSlackMessages } from "./render/messages.js";

export async function respondWith(respond: RespondFn, reply: Reply): Promise<void> {
  for (const message of toSlackMessages(reply)) {
    await respond({
      response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  }
}

export interface Destination {
  channelId: string | undefined;
  userId: string;
  threadTs?: string | undefined;
}

/** Slack's direct-message conversation ids start with D. */
const isDirectMessage = (channelId: string) => channelId.startsWith("D");

const CANNOT_POST = new Set(["channel_not_found", "not_in_channel", "is_archived", "user_not_in_channel"]);

export async function postReply(client: WebClient, log: Logger, to: Destination, reply: Reply): Promise<void> {
  for (const message of toSlackMessages(reply)) {
    try {
      if (!to.channelId) throw Object.assign(new Error("no channel"), { data: { error: "channel_not_found" } });
      // A DM with the bot is private already: a plain message there stays, where an ephemeral one would vanish on reload.
      if (reply.visibility === "channel" || isDirectMessage(to.channelId)) {
        await client.chat.postMessage({ channel: to.channelId, text: message.text, blocks: message.blocks, ...(to.threadTs ? { thread_ts: to.threadTs } : {}) });
      } else {
        await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, text: message.text, blocks: message.blocks });
      }
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (!code || !CANNOT_POST.has(code)) throw err;
      log.info("slack channel not reachable, answering by DM", { code });
      await client.chat.postMessage({ channel: to.userId, text: message.text, blocks: message.blocks });
    }
  }
}
