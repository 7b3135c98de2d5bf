/**
 * One neutral Block -> the Block Kit blocks that show it, each within
 * Slack's per-block limits. Long content is split over several blocks here;
 * pages.ts then spreads the blocks over messages.
 */
import { progressBar, type Block, type Button as CoreButton, type Tone } from "../../../core/index.js";
import { BLOCK_JSON_BUDGET, SLACK } from "./limits.js";
import { mrkdwn, splitMrkdwn } from "./mrkdwn.js";
import { jsonSize, pack } from "./pack.js";
import { tableTexts } from "./table.js";
import { isBlank, oneLine, sanitize, truncate } from "../../common/text.js";
import type { ActionsBlock, Button, ContextBlock, KnownBlock, MrkdwnElement, SectionBlock } from "./types.js";

const TONE_EMOJI: Record<Tone, string> = { ok: ":large_green_circle:", warn: ":large_yellow_circle:", bad: ":red_circle:" };
const BAR_WIDTH = 10;
// Field labels are names ("Budget", "Owner"); a longer one is cut so the value keeps its room.
const FIELD_LABEL = 200;

const md = (text: string): MrkdwnElement => ({ type: "mrkdwn", text });
const section = (text: string): SectionBlock => ({ type: "section", text: md(text) });
const context = (text: string): ContextBlock => ({ type: "context", elements: [md(text)] });

const sections = (text: string): SectionBlock[] => splitMrkdwn(text, SLACK.sectionText).map(section);
const contexts = (text: string): ContextBlock[] => splitMrkdwn(text, SLACK.contextText).map(context);

export function blocksFor(block: Block): KnownBlock[] {
  switch (block.kind) {
    case "heading": {
      const text = oneLine(block.text);
      return isBlank(text) ? [] : [{ type: "header", text: { type: "plain_text", text: truncate(text, SLACK.headerText), emoji: true } }];
    }
    case "text":
      return sections(mrkdwn(block.text));
    case "fields":
      return fieldSections(block.items);
    case "table":
      return tableTexts(block.columns, block.rows).map(section);
    case "progress":
      return sections(progressLine(block.label, block.ratio, block.tone));
    case "list":
      return sections(
        block.items
          .filter((item) => !isBlank(item))
          .map((item) => `• ${mrkdwn(item)}`)
          .join("\n"),
      );
    case "image":
      // An image block needs a public URL or a Slack file, and we only hold PNG bytes here.
      // Charts are posted as files through files.uploadV2 by the reports feature; inline, the alt text stands in.
      return contexts(isBlank(block.alt) ? "[image]" : `[image: ${mrkdwn(block.alt)}]`);
    case "file":
      return contexts(`[file: ${mrkdwn(block.name)}]`);
    case "actions":
      return actionBlocks(block.buttons);
    case "context":
      return contexts(mrkdwn(block.text));
  }
}

function progressLine(label: string, ratio: number, tone: Tone | undefined): string {
  const percent = Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : "–";
  const parts = [tone ? TONE_EMOJI[tone] : "", isBlank(label) ? "" : mrkdwn(label), `${progressBar(ratio, BAR_WIDTH)} ${percent}`];
  return parts.filter(Boolean).join(" ");
}

/** "*Label*\nvalue"; a value too long for one field continues in "*Label (cont.)*" fields. */
function fieldTexts(label: string, value: string): string[] {
  const name = mrkdwn(truncate(oneLine(label), FIELD_LABEL));
  const head = isBlank(name) ? "" : `*${name}*\n`;
  const again = isBlank(name) ? "" : `*${name} (cont.)*\n`;
  const body = isBlank(value) ? "—" : mrkdwn(value);
  return splitMrkdwn(body, SLACK.fieldText - again.length).map((piece, i) => (i === 0 ? head : again) + piece);
}

function fieldSections(items: readonly (readonly [string, string])[]): SectionBlock[] {
  const texts = items.flatMap(([label, value]) => fieldTexts(label, value)).map(md);
  return pack(texts, SLACK.sectionFields, BLOCK_JSON_BUDGET, jsonSize).map((fields) => ({ type: "section", fields }));
}

/**
 * Buttons carry their command as the value; a command longer than Slack's
 * value limit cannot be a button (cutting it would run a different command),
 * so it is left out and a context line says so. action_ids come from numberButtons.
 */
function actionBlocks(buttons: readonly CoreButton[]): KnownBlock[] {
  const fit = buttons.filter((b) => sanitize(b.command).length <= SLACK.buttonValue);
  const elements = fit.map((b): Button => {
    const command = sanitize(b.command);
    const label = [oneLine(b.label), oneLine(command), "Run"].find((l) => !isBlank(l))!;
    return {
      type: "button",
      text: { type: "plain_text", text: truncate(label, SLACK.buttonText), emoji: true },
      ...(isBlank(command) ? {} : { value: command }),
      ...(b.style ? { style: b.style } : {}),
    };
  });
  const blocks: KnownBlock[] = pack(elements, SLACK.actionsElements, BLOCK_JSON_BUDGET, jsonSize).map(
    (group): ActionsBlock => ({ type: "actions", elements: group }),
  );
  const left = buttons.length - fit.length;
  if (left)
    blocks.push(context(`_${left === 1 ? "A button was" : `${left} buttons were`} left out: the command is too long for a Slack button._`));
  return blocks;
}

/**
 * Gives every button its action_id, numbered across all the blocks of a reply
 * so ids stay unique within each message however the blocks are paged. The
 * adapter listens for `charter_run_<n>` and runs the button's value.
 */
export function numberButtons(blocks: readonly KnownBlock[]): void {
  let n = 0;
  for (const block of blocks) {
    if (block.type !== "actions") continue;
    for (const element of block.elements) if (element.type === "button") element.action_id = `charter_run_${++n}`;
  }
}
