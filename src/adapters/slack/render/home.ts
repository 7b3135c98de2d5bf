/**
 * Reply -> App Home tab view (views.publish). The Home tab is one view of at
 * most 100 blocks and Slack fails views over ~250 KB, so a longer overview
 * is cut with the same closing marker as a long message.
 */
import type { Reply } from "../../../core/views/reply.js";
import { blocksFor, numberButtons } from "./blocks.js";
import { SLACK, VIEW_BYTE_BUDGET } from "./limits.js";
import { MORE_MARKER } from "./pages.js";
import { utf8Length } from "./text.js";
import type { KnownBlock, View } from "./types.js";

export type HomeView = Extract<View, { type: "home" }>;

const marker: KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: `_${MORE_MARKER}_` }] };

export function toSlackHome(reply: Reply): HomeView {
  const all = reply.blocks.flatMap(blocksFor);
  numberButtons(all);
  const size = (b: KnownBlock) => utf8Length(JSON.stringify(b)) + 1;
  if (all.length <= SLACK.modalBlocks && all.reduce((n, b) => n + size(b), 0) <= VIEW_BYTE_BUDGET) return { type: "home", blocks: all };
  const room = VIEW_BYTE_BUDGET - size(marker);
  const blocks: KnownBlock[] = [];
  let bytes = 0;
  for (const block of all) {
    if (blocks.length >= SLACK.modalBlocks - 1 || bytes + size(block) > room) break;
    blocks.push(block);
    bytes += size(block);
  }
  while (blocks.at(-1)?.type === "header") blocks.pop();
  return { type: "home", blocks: [...blocks, marker] };
}
