/**
 * Reply -> Slack messages (chat.postMessage / response_url payloads).
 * A form on the Reply is not rendered here: the adapter opens it with
 * toSlackModal, and visibility (ephemeral or in channel) is the sender's call.
 */
import type { Reply } from "../../../core/index.js";
import { blocksFor, numberButtons } from "./blocks.js";
import { MAX_MESSAGES, SLACK } from "./limits.js";
import { splitMrkdwn } from "./mrkdwn.js";
import { fallbackText, paginate } from "./pages.js";
import type { KnownBlock, SlackMessage } from "./types.js";

/** Every button's action_id; the adapter listens for this pattern and runs the button's value as a command. */
export const ACTION_ID_PATTERN = /^charter_run_\d+$/;

export interface SlackMessageOptions {
  /** More than this many messages and the reply is cut with a closing marker. */
  maxMessages?: number;
}

export function toSlackMessages(reply: Reply, options: SlackMessageOptions = {}): SlackMessage[] {
  let blocks: KnownBlock[] = reply.blocks.flatMap(blocksFor);
  // Nothing to show but the summary: show it, so the message is never empty.
  if (!blocks.length)
    blocks = splitMrkdwn(fallbackText(reply.summary), SLACK.sectionText).map((text) => ({
      type: "section",
      text: { type: "mrkdwn", text },
    }));
  numberButtons(blocks);
  return paginate(blocks, reply.summary, options.maxMessages ?? MAX_MESSAGES);
}
