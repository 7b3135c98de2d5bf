/**
 * Reply -> App Home tab view (views.publish). The Home tab is one view of at
 * most 100 blocks and Slack fails views over ~250 KB, so a longer overview
 * is cut with the same closing marker as a long message.
 */
import type { Reply } from "../../../core/index.js";
import { blocksFor, numberButtons } from "./blocks.js";
import { SLACK, VIEW_BYTE_BUDGET } from "./limits.js";
import { markerBlock } from "./pages.js";
import { jsonBytes } from "../../common/text.js";
import type { KnownBlock, View } from "./types.js";

/** The Home tab view, its blocks all Block Kit's known kinds. */
export type SlackHome = Omit<Extract<View, { type: "home" }>, "blocks"> & { blocks: KnownBlock[] };

/** The view around the blocks, `{"type":"home","blocks":[]}`, counts against the budget too. */
const WRAPPER_BYTES = jsonBytes({ type: "home", blocks: [] });

export function toSlackHome(reply: Reply): SlackHome {
  const all = reply.blocks.flatMap(blocksFor);
  numberButtons(all);
  const size = (b: KnownBlock) => jsonBytes(b) + 1;
  const budget = VIEW_BYTE_BUDGET - WRAPPER_BYTES;
  if (all.length <= SLACK.modalBlocks && all.reduce((n, b) => n + size(b), 0) <= budget) return { type: "home", blocks: all };
  const marker = markerBlock();
  const room = budget - size(marker);
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
