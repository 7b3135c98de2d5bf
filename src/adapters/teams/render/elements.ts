/**
 * One neutral Block -> the card elements that show it, each within the
 * element budget: long text continues in further TextBlocks, long fact lists
 * in further FactSets; cards.ts then spreads the elements over cards.
 */
import { progressBar, type Block, type Button, type Tone } from "../../../core/index.js";
import { runData } from "./action-data.js";
import { TEAMS } from "./limits.js";
import { inert, markdown, plainWords } from "./markdown.js";
import { tableElements } from "./table.js";
import { isBlank, jsonBytes, oneLine, sanitize, splitText, truncate, unitsWithin } from "../../common/text.js";
import { pngSize } from "./png.js";
import type { ActionSet, CardElement, FactSet, Image, SubmitAction, TextBlock } from "./types.js";

const TONE: Record<Tone, { color: TextBlock["color"]; mark: string }> = {
  ok: { color: "Good", mark: "🟢" },
  warn: { color: "Warning", mark: "🟡" },
  bad: { color: "Attention", mark: "🔴" },
};
const BAR_WIDTH = 10;
const HEADING = 300;
const FACT_TITLE = 200;
const ALT_TEXT = 500;
const FILE_NAME = 200;
/** Room for a piece of text in one TextBlock, leaving space for its properties. */
const TEXT_UNITS = unitsWithin(TEAMS.elementBytes - 200);

const textBlocks = (text: string, style: Omit<TextBlock, "type" | "text" | "wrap"> = {}): TextBlock[] =>
  splitText(text, TEXT_UNITS).map((piece) => ({ type: "TextBlock", text: piece, wrap: true, ...style }));

export function elementsFor(block: Block): CardElement[] {
  switch (block.kind) {
    case "heading": {
      // A TextBlock reads Markdown even in a heading: the words must not make a link.
      const text = inert(oneLine(block.text));
      return isBlank(text) ? [] : [{ type: "TextBlock", text: truncate(text, HEADING), wrap: true, size: "Medium", weight: "Bolder" }];
    }
    case "text":
      return textBlocks(markdown(block.text));
    case "context":
      return textBlocks(markdown(block.text), { isSubtle: true, size: "Small" });
    case "list": {
      const lines = block.items.filter((item) => !isBlank(item)).map((item) => `- ${markdown(item).replace(/\s*\n\s*/g, " ")}`);
      return textBlocks(lines.join("\n"));
    }
    case "fields":
      return factSets(block.items);
    case "table":
      return tableElements(block.columns, block.rows);
    case "progress":
      return progressElements(block.label, block.ratio, block.tone);
    case "image":
      // A chart Teams can show gets a card of its own (cards.ts, chartElements); this line names one it cannot.
      return chartFallback(block.alt, pngSize(block.png) ? "large" : "unreadable");
    case "file":
      return fileLine(block.name);
    case "actions":
      return actionSets(block.buttons);
  }
}

function progressElements(label: string, ratio: number, tone: Tone | undefined): TextBlock[] {
  const percent = Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : "–";
  const line = [tone ? TONE[tone].mark : "", isBlank(label) ? "" : markdown(label), `${progressBar(ratio, BAR_WIDTH)} ${percent}`]
    .filter(Boolean)
    .join(" ");
  return textBlocks(line, tone ? { color: TONE[tone].color } : {});
}

/** "Label: value" facts; a value too long for one fact continues in "Label (cont.)" facts. */
function factSets(items: readonly (readonly [string, string])[]): FactSet[] {
  const valueUnits = unitsWithin(TEAMS.elementBytes / 2);
  const facts = items.flatMap(([label, value]) => {
    // A fact needs a title: clients drop a fact without one.
    const named = truncate(plainWords(oneLine(label)), FACT_TITLE);
    const title = isBlank(named) ? "—" : named;
    const body = isBlank(value) ? "—" : markdown(value);
    const pieces = splitText(body, valueUnits);
    return (pieces.length ? pieces : ["—"]).map((piece, i) => ({ title: i === 0 ? title : `${title} (cont.)`, value: piece }));
  });
  const sets: FactSet[] = [];
  let current: FactSet = { type: "FactSet", facts: [] };
  for (const fact of facts) {
    if (current.facts.length && jsonBytes({ ...current, facts: [...current.facts, fact] }) > TEAMS.elementBytes) {
      sets.push(current);
      current = { type: "FactSet", facts: [] };
    }
    current.facts.push(fact);
  }
  if (current.facts.length) sets.push(current);
  return sets;
}

const altTextOf = (alt: string) => {
  const text = truncate(oneLine(alt), ALT_TEXT);
  return isBlank(text) ? "Chart" : text;
};

/**
 * A chart as Teams shows it: the PNG inline as a data URL with its alt text,
 * and the alt text again as a caption under it. Null when Teams would not
 * show it: not a PNG, larger than 1024 x 1024 pixels, or 1 MB or more.
 * Whether its card stays within the card budget is cards.ts's call.
 */
export function chartElements(alt: string, png: Uint8Array): CardElement[] | null {
  const size = pngSize(png);
  if (!size || size.width > TEAMS.imagePixels || size.height > TEAMS.imagePixels || png.byteLength >= TEAMS.imageFileBytes) return null;
  const altText = altTextOf(alt);
  const image: Image = {
    type: "Image",
    url: `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString("base64")}`,
    altText,
  };
  return [image, { type: "TextBlock", text: markdown(altText), wrap: true, isSubtle: true, size: "Small", horizontalAlignment: "Center" }];
}

/** The line that stands for a chart Teams cannot show: its alt text, and why. */
export function chartFallback(alt: string, reason: "large" | "unreadable"): CardElement[] {
  const altText = altTextOf(alt);
  return textBlocks(markdown(reason === "large" ? `[chart too large to show in Teams: ${altText}]` : `[image: ${altText}]`), {
    isSubtle: true,
  });
}

/**
 * Bots can hand over files only in a personal chat, through a consent card
 * Charter does not offer yet: the file is named, and where to get it.
 */
function fileLine(name: string): CardElement[] {
  const file = truncate(oneLine(name), FILE_NAME);
  const line = `📎 ${isBlank(file) ? "A file" : file} could not be attached: Charter cannot send files in Teams yet. On Charter's server, \`charter export\` (or this command with \`charter run\`) saves it.`;
  return textBlocks(markdown(line), { isSubtle: true });
}

/**
 * Buttons run their command when pressed (the listener for Action.Submit).
 * A command too long to carry is left out, and a line says so: cutting it
 * would run a different command.
 */
function actionSets(buttons: readonly Button[]): CardElement[] {
  const usable = buttons.filter((b) => !isBlank(b.command));
  const fit = usable.filter((b) => sanitize(b.command).length <= TEAMS.buttonCommand);
  const actions = fit.map((b): SubmitAction => {
    const command = sanitize(b.command).trim();
    const title = [oneLine(b.label), oneLine(command), "Run"].find((t) => !isBlank(t))!;
    return {
      type: "Action.Submit",
      title: truncate(title, TEAMS.buttonTitle),
      data: runData(command),
      ...(b.style === "primary" ? { style: "positive" as const } : b.style === "danger" ? { style: "destructive" as const } : {}),
    };
  });
  const sets: CardElement[] = [];
  let current: ActionSet = { type: "ActionSet", actions: [] };
  for (const action of actions) {
    const grown = { ...current, actions: [...current.actions, action] };
    if (current.actions.length && (current.actions.length >= TEAMS.actionsPerSet || jsonBytes(grown) > TEAMS.elementBytes)) {
      sets.push(current);
      current = { type: "ActionSet", actions: [action] };
    } else current = grown;
  }
  if (current.actions.length) sets.push(current);
  const left = usable.length - fit.length;
  if (left)
    sets.push(
      ...textBlocks(`_${left === 1 ? "A button was" : `${left} buttons were`} left out: its command is too long for a button._`, {
        isSubtle: true,
        size: "Small",
      }),
    );
  return sets;
}
