/**
 * Spreads rendered blocks over messages: at most 50 blocks and a bounded
 * JSON size each. Past MAX_MESSAGES the reply is cut and the last message
 * ends with a marker saying so, rather than flooding the channel.
 */
import { MAX_MESSAGES, MESSAGE_JSON_BUDGET, SLACK } from "./limits.js";
import { clipMrkdwn, mrkdwn } from "./mrkdwn.js";
import { jsonSize } from "./pack.js";
import { isBlank } from "../../common/text.js";
import type { ContextBlock, KnownBlock, SlackMessage } from "./types.js";

/** Closes the last message of a reply that was cut. */
export const MORE_MARKER = "…and more: this reply is too long to show in full in Slack.";

// The notification text is one line in practice; this only guards against a runaway summary.
const FALLBACK_TEXT = 3000;

/** The notification text: the summary, or the app's name when there is none. */
export function fallbackText(summary: string): string {
  const text = mrkdwn(summary);
  return isBlank(text) ? "Charter" : text;
}

export const markerBlock = (): ContextBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: `_${MORE_MARKER}_` }] });

export function paginate(blocks: readonly KnownBlock[], summary: string, maxMessages = MAX_MESSAGES): SlackMessage[] {
  const budget = MESSAGE_JSON_BUDGET - 2; // the array's brackets
  const size = (b: KnownBlock) => jsonSize(b) + 1; // and its comma
  const pages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let used = 0;
  for (const block of blocks) {
    const s = size(block);
    if (current.length && (current.length >= SLACK.messageBlocks || used + s > budget)) {
      // A heading belongs with what follows it, not at the foot of the previous message.
      const carry = current.length > 1 && current.at(-1)?.type === "header" ? current.splice(-1) : [];
      pages.push(current);
      current = carry;
      used = carry.reduce((n, b) => n + size(b), 0);
    }
    current.push(block);
    used += s;
  }
  if (current.length || !pages.length) pages.push(current);

  const max = Math.max(1, maxMessages);
  if (pages.length > max) {
    pages.length = max;
    const last = pages[max - 1]!;
    let lastUsed = last.reduce((n, b) => n + size(b), 0);
    while (
      last.length &&
      (last.length >= SLACK.messageBlocks || lastUsed + size(markerBlock()) > budget || last.at(-1)?.type === "header")
    ) {
      lastUsed -= size(last.pop()!);
    }
    last.push(markerBlock());
  }

  const text = fallbackText(summary);
  return pages.map((page, i) => {
    const suffix = pages.length > 1 ? ` (${i + 1}/${pages.length})` : "";
    return { text: clipMrkdwn(text, FALLBACK_TEXT - suffix.length) + suffix, blocks: page };
  });
}
