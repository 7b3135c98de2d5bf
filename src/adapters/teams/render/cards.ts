/**
 * Reply -> Adaptive Cards, one per message: each under the card budget, a
 * long reply paged over several cards (a heading never ends a card), and past
 * MAX_CARDS cut with a closing marker. A reply that asks for a form gets a
 * button that opens it as a dialog.
 */
import type { Form } from "../../../core/views/form.js";
import { plain } from "../../../core/views/render-text.js";
import type { Reply } from "../../../core/views/reply.js";
import { openFormData } from "./action-data.js";
import { elementsFor } from "./elements.js";
import { MAX_CARDS, TEAMS } from "./limits.js";
import { isBlank, jsonBytes, oneLine, sanitize, splitText, truncate, unitsWithin } from "./text.js";
import { CARD_CONTENT_TYPE, CARD_SCHEMA, CARD_VERSION, type ActionSet, type AdaptiveCard, type CardAttachment, type CardElement } from "./types.js";

/** Closes the last card of a reply that was cut. */
export const MORE_MARKER = "…and more: this reply is too long to show in full in Teams.";

export interface TeamsCardOptions {
  /** More than this many cards and the reply is cut with a closing marker. */
  maxCards?: number;
}

// Prefilled values ride on the form button; past this they are left to be typed again.
const FORM_VALUES_BYTES = 2_000;
const PAGE_SUFFIX_BYTES = 16;

/** The notification and fallback text: the summary in plain words, or the app's name. */
export function summaryText(summary: string): string {
  const text = truncate(oneLine(plain(summary)), TEAMS.summary);
  return isBlank(text) ? "Charter" : text;
}

export const markerElement = (): CardElement => ({ type: "TextBlock", text: `_${MORE_MARKER}_`, wrap: true, isSubtle: true, size: "Small" });

export function toTeamsCards(reply: Reply, options: TeamsCardOptions = {}): AdaptiveCard[] {
  let elements = reply.blocks.flatMap(elementsFor);
  const summary = summaryText(reply.summary);
  // Nothing to show but the summary: show it, so a card is never empty.
  if (!elements.length) elements = splitText(sanitize(reply.summary), unitsWithin(TEAMS.elementBytes - 200)).map((text) => ({ type: "TextBlock", text, wrap: true }));
  if (!elements.length) elements = [{ type: "TextBlock", text: summary, wrap: true }];
  const tail = reply.form && !reply.form.errors ? [formButton(reply.form)] : [];
  const pages = paginate(elements, tail, budgetFor(summary), options.maxCards ?? MAX_CARDS);
  return pages.map((body, i) => ({
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    fallbackText: pages.length > 1 ? `${summary} (${i + 1}/${pages.length})` : summary,
    body,
  }));
}

export const cardAttachment = (card: AdaptiveCard): CardAttachment => ({ contentType: CARD_CONTENT_TYPE, content: card });

/** Room for the body: the budget less the card around it, its fallback text and a page suffix. */
function budgetFor(summary: string): number {
  const empty: AdaptiveCard = { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, fallbackText: summary, body: [] };
  return TEAMS.cardBytes - jsonBytes(empty) - PAGE_SUFFIX_BYTES;
}

/** The button under a "needs more input" reply: Teams asks Charter for the dialog (task/fetch) when it is pressed. */
function formButton(form: Form): ActionSet {
  const values = Object.fromEntries(form.fields.filter((f) => f.initial !== undefined && !isBlank(f.initial)).map((f) => [f.name, f.initial!]));
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

function paginate(elements: CardElement[], tail: CardElement[], budget: number, maxCards: number): CardElement[][] {
  const size = (e: CardElement) => jsonBytes(e) + 1;
  const pages: CardElement[][] = [];
  let current: CardElement[] = [];
  let used = 0;
  for (const element of [...elements, ...tail]) {
    const s = size(element);
    if (current.length && used + s > budget) {
      // A heading belongs with what follows it, not at the foot of the previous card.
      const carry = current.length > 1 && isHeading(current.at(-1)) ? current.splice(-1) : [];
      pages.push(current);
      current = carry;
      used = carry.reduce((n, e) => n + size(e), 0);
    }
    current.push(element);
    used += s;
  }
  if (current.length || !pages.length) pages.push(current);

  const max = Math.max(1, maxCards);
  if (pages.length <= max) return pages;
  pages.length = max;
  const last = pages[max - 1]!;
  const closing = [markerElement(), ...tail];
  const room = budget - closing.reduce((n, e) => n + size(e), 0);
  let lastUsed = last.reduce((n, e) => n + size(e), 0);
  // The tail may already be on this page; it goes back at the very end.
  while (last.length && (lastUsed > room || isHeading(last.at(-1)) || tail.includes(last.at(-1)!))) lastUsed -= size(last.pop()!);
  last.push(...closing);
  return pages;
}

const isHeading = (e: CardElement | undefined) => e?.type === "TextBlock" && e.weight === "Bolder" && e.size === "Medium";
