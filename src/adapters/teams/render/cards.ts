/**
 * Reply -> Adaptive Cards, one per message: each under the card budget, a
 * long reply paged over several cards (a heading never ends a card), and past
 * MAX_CARDS cut with a closing marker. A chart Teams can show gets a card of
 * its own, with the bigger budget an inline image needs (its heading goes
 * with it); one it cannot show is named by its alt text. A reply that asks
 * for a form gets a button that opens it as a dialog.
 */
import { type Form, plain, type Reply } from "../../../core/index.js";
import { openFormData } from "./action-data.js";
import { chartElements, elementsFor } from "./elements.js";
import { inert } from "./markdown.js";
import { MAX_CARDS, TEAMS } from "./limits.js";
import { isBlank, jsonBytes, oneLine, sanitize, splitText, truncate, unitsWithin } from "../../common/text.js";
import {
  CARD_CONTENT_TYPE,
  CARD_SCHEMA,
  CARD_VERSION,
  type ActionSet,
  type AdaptiveCard,
  type CardAttachment,
  type CardElement,
} from "./types.js";

/** Closes the last card of a reply that was cut. */
export const MORE_MARKER = "…and more: this reply is too long to show in full in Teams.";

export interface TeamsCardOptions {
  /** More than this many cards and the reply is cut with a closing marker. */
  maxCards?: number;
}

// Prefilled values ride on the form button; past this they are left to be typed again.
const FORM_VALUES_BYTES = 2_000;
const PAGE_SUFFIX_BYTES = 16;

/** The notification and fallback text: the summary in plain words (no link either), or the app's name. */
export function summaryText(summary: string): string {
  const text = truncate(inert(oneLine(plain(summary))), TEAMS.summary);
  return isBlank(text) ? "Charter" : text;
}

export const markerElement = (): CardElement => ({
  type: "TextBlock",
  text: `_${MORE_MARKER}_`,
  wrap: true,
  isSubtle: true,
  size: "Small",
});

export function toTeamsCards(reply: Reply, options: TeamsCardOptions = {}): AdaptiveCard[] {
  const summary = summaryText(reply.summary);
  const budget = budgetFor(summary, TEAMS.cardBytes);
  const chartBudget = budgetFor(summary, TEAMS.imageCardBytes);
  // Runs of elements that flow over cards of the usual budget, and charts in cards of their own.
  const parts: Part[] = [];
  let flow: CardElement[] = [];
  for (const block of reply.blocks) {
    const chart = block.kind === "image" ? chartElements(block.alt, block.png) : null;
    if (chart && bodySize(chart) <= chartBudget) {
      if (flow.length) parts.push({ flow });
      flow = [];
      parts.push({ chart });
    } else flow.push(...elementsFor(block));
  }
  if (flow.length) parts.push({ flow });
  // Nothing to show but the summary: show it, so a card is never empty.
  if (!parts.length) {
    let elements: CardElement[] = splitText(inert(sanitize(reply.summary)), unitsWithin(TEAMS.elementBytes - 200)).map((text) => ({
      type: "TextBlock",
      text,
      wrap: true,
    }));
    if (!elements.length) elements = [{ type: "TextBlock", text: summary, wrap: true }];
    parts.push({ flow: elements });
  }
  const tail = reply.form && !reply.form.errors ? [formButton(reply.form)] : [];
  const pages = cut(layout(parts, tail, budget, chartBudget), tail, options.maxCards ?? MAX_CARDS);
  return pages.map(({ body }, i) => ({
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    fallbackText: pages.length > 1 ? `${summary} (${i + 1}/${pages.length})` : summary,
    body,
  }));
}

export const cardAttachment = (card: AdaptiveCard): CardAttachment => ({ contentType: CARD_CONTENT_TYPE, content: card });

/** Room for the body: the budget less the card around it, its fallback text and a page suffix. */
function budgetFor(summary: string, cardBytes: number): number {
  const empty: AdaptiveCard = { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, fallbackText: summary, body: [] };
  return cardBytes - jsonBytes(empty) - PAGE_SUFFIX_BYTES;
}

/** The button under a "needs more input" reply: Teams asks Charter for the dialog (task/fetch) when it is pressed. */
function formButton(form: Form): ActionSet {
  const values = Object.fromEntries(
    form.fields.filter((f) => f.initial !== undefined && !isBlank(f.initial)).map((f) => [f.name, f.initial!]),
  );
  const keep = Object.keys(values).length > 0 && jsonBytes(values) <= FORM_VALUES_BYTES;
  const title = truncate(oneLine(form.title), TEAMS.buttonTitle);
  return {
    type: "ActionSet",
    actions: [
      {
        type: "Action.Submit",
        title: isBlank(title) ? "Open the form" : title,
        style: "positive",
        data: openFormData({
          action: "form",
          command: truncate(oneLine(form.command), 200, ""),
          ...(form.project ? { project: truncate(form.project, 200, "") } : {}),
          ...(keep ? { values } : {}),
        }),
      },
    ],
  };
}

type Part = { flow: CardElement[] } | { chart: CardElement[] };

/** One card's body and the budget it is held to (a chart's card has a bigger one). */
interface Page {
  body: CardElement[];
  budget: number;
}

const size = (e: CardElement) => jsonBytes(e) + 1;
const bodySize = (body: readonly CardElement[]) => body.reduce((n, e) => n + size(e), 0);

/** Spreads elements over cards of `budget`; a heading never ends a card. */
function flowPages(elements: readonly CardElement[], budget: number): CardElement[][] {
  const pages: CardElement[][] = [];
  let current: CardElement[] = [];
  let used = 0;
  for (const element of elements) {
    const s = size(element);
    if (current.length && used + s > budget) {
      // A heading belongs with what follows it, not at the foot of the previous card.
      const carry = current.length > 1 && isHeading(current.at(-1)) ? current.splice(-1) : [];
      pages.push(current);
      current = carry;
      used = bodySize(carry);
    }
    current.push(element);
    used += s;
  }
  if (current.length) pages.push(current);
  return pages;
}

/** Every part's cards in order, the tail (the form button) closing the last one. */
function layout(parts: readonly Part[], tail: readonly CardElement[], budget: number, chartBudget: number): Page[] {
  const pages: Page[] = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if ("flow" in part) {
      pages.push(...flowPages(last ? [...part.flow, ...tail] : part.flow, budget).map((body) => ({ body, budget })));
      return;
    }
    const body = [...part.chart];
    // A heading just before the chart is the chart's title: it goes into the chart's card.
    const previous = pages.at(-1);
    const heading = previous?.body.at(-1);
    if (previous && heading && isHeading(heading) && bodySize(body) + size(heading) <= chartBudget) {
      previous.body.pop();
      body.unshift(heading);
      if (!previous.body.length) pages.pop();
    }
    pages.push({ body, budget: chartBudget });
    if (last && tail.length) {
      const closing = pages.at(-1)!;
      if (bodySize(closing.body) + bodySize(tail) <= closing.budget) closing.body.push(...tail);
      else pages.push({ body: [...tail], budget });
    }
  });
  if (!pages.length) pages.push({ body: [...tail], budget });
  return pages;
}

/** Past maxCards the reply is cut: the last card kept ends with the marker (and the tail). */
function cut(pages: Page[], tail: readonly CardElement[], maxCards: number): Page[] {
  const max = Math.max(1, maxCards);
  if (pages.length <= max) return pages;
  pages.length = max;
  const last = pages[max - 1]!;
  const closing = [markerElement(), ...tail];
  const room = last.budget - bodySize(closing);
  let lastUsed = bodySize(last.body);
  // The tail may already be on this page; it goes back at the very end.
  while (last.body.length && (lastUsed > room || isHeading(last.body.at(-1)) || tail.includes(last.body.at(-1)!)))
    lastUsed -= size(last.body.pop()!);
  last.body.push(...closing);
  return pages;
}

const isHeading = (e: CardElement | undefined) => e?.type === "TextBlock" && e.weight === "Bolder" && e.size === "Medium";
