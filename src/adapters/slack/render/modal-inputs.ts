/** One form field -> one Slack input block, with the element its kind calls for. */
import { segments, type FormField } from "../../../core/index.js";
import { optionValue, optionsByIndex } from "./form-ids.js";
import { SLACK } from "./limits.js";
import { isBlank, oneLine, sanitize, truncate } from "../../common/text.js";
import type { InputBlock, InputBlockElement, PlainTextElement, PlainTextOption } from "./types.js";

const MONEY_PLACEHOLDER = "2500 or 1.2k EUR";

const plain = (text: string): PlainTextElement => ({ type: "plain_text", text, emoji: true });

export function inputBlock(field: FormField, id: string): InputBlock {
  const label = oneLine(field.label);
  const notes = [field.hint ? sanitize(field.hint) : "", selectNote(field)].filter((n) => !isBlank(n));
  return {
    type: "input",
    block_id: id,
    label: plain(truncate([label, oneLine(field.name), "Value"].find((l) => !isBlank(l))!, SLACK.inputLabel)),
    element: elementFor(field, id),
    optional: !field.required,
    ...(notes.length ? { hint: plain(truncate(notes.join(" "), SLACK.inputHint)) } : {}),
  };
}

function elementFor(field: FormField, id: string): InputBlockElement {
  const initial = field.initial === undefined ? undefined : sanitize(field.initial).trim();
  switch (field.kind) {
    case "number":
      return {
        type: "number_input",
        action_id: id,
        is_decimal_allowed: true,
        ...(initial && /^-?\d+(\.\d+)?$/.test(initial) ? { initial_value: initial } : {}),
      };
    case "select":
      if (field.options?.length) return staticSelect(field, id, initial);
      return textInput(field, id, initial); // no choices to offer: let them type it
    case "user": {
      // The references themselves, before sanitize spells them out as names.
      const user = field.initial ? userIds(field.initial)[0] : undefined;
      return { type: "users_select", action_id: id, ...(user ? { initial_user: user } : {}) };
    }
    case "users": {
      const users = field.initial ? userIds(field.initial) : [];
      return { type: "multi_users_select", action_id: id, ...(users.length ? { initial_users: users } : {}) };
    }
    case "date":
      return { type: "datepicker", action_id: id, ...(initial && isIsoDate(initial) ? { initial_date: initial } : {}) };
    case "text":
    case "longtext":
    case "money":
      return textInput(field, id, initial);
  }
}

/**
 * A prefilled value longer than Slack's input allows is left out rather than
 * cut: a silently shortened value would be saved as if the user typed it.
 */
function textInput(field: FormField, id: string, initial: string | undefined): InputBlockElement {
  const value = field.initial === undefined ? undefined : sanitize(field.initial);
  return {
    type: "plain_text_input",
    action_id: id,
    ...(field.kind === "longtext" ? { multiline: true } : {}),
    ...(field.kind === "money" ? { placeholder: plain(MONEY_PLACEHOLDER) } : {}),
    ...(value && initial && value.length <= SLACK.textInput ? { initial_value: value } : {}),
  };
}

/**
 * Slack shows at most 100 options. A longer list keeps its first 100 (plus the
 * prefilled choice, if it lies further down) and the hint says how many exist,
 * so the user knows to type the command for the rest.
 */
function staticSelect(field: FormField, id: string, initial: string | undefined): InputBlockElement {
  const all = field.options ?? [];
  const byIndex = optionsByIndex(field);
  const chosen = initial === undefined ? -1 : initialIndex(field, initial);
  const shown = all.map((_, i) => i).slice(0, SLACK.selectOptions);
  if (chosen >= SLACK.selectOptions) shown[shown.length - 1] = chosen;
  const option = (i: number): PlainTextOption => {
    const o = all[i]!;
    const label = oneLine(o.label);
    const text = [label, oneLine(o.value), "—"].find((l) => !isBlank(l))!;
    return { text: plain(truncate(text, SLACK.optionText)), value: optionValue(field, i, byIndex) };
  };
  return {
    type: "static_select",
    action_id: id,
    options: shown.map(option),
    ...(chosen >= 0 ? { initial_option: option(chosen) } : {}),
  };
}

function selectNote(field: FormField): string {
  const count = field.kind === "select" ? (field.options?.length ?? 0) : 0;
  return count > SLACK.selectOptions ? `Showing ${SLACK.selectOptions} of ${count} choices; type the command to pick another.` : "";
}

function initialIndex(field: FormField, initial: string): number {
  const options = field.options ?? [];
  const byValue = options.findIndex((o) => o.value === initial);
  return byValue >= 0 ? byValue : options.findIndex((o) => o.label.toLowerCase() === initial.toLowerCase());
}

/** Slack user ids from the core's member references or bare ids; typed names (@bob) cannot be preselected. */
function userIds(text: string): string[] {
  return segments(text).flatMap((s) => {
    if (s.kind === "member") return /^[UW][A-Z0-9]+$/.test(s.id) ? [s.id] : [];
    if (s.kind !== "text") return [];
    return Array.from(s.text.matchAll(/(?<![\w@<])([UW][A-Z0-9]{6,})(?!\w)/g), (m) => m[1]!);
  });
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().startsWith(text);
}
