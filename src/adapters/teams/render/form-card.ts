/**
 * Form -> the Adaptive Card of a Teams dialog (task module). Each field is
 * its input (text, number, date, a choice set, or Teams' people picker),
 * with its hint and, after a rejected submission, its error right below it.
 * When a form is too big for one card, required fields are kept first, then
 * optional ones while they fit, and a line says to type the command for the
 * rest; prefilled values are dropped (last first) before any field is.
 */
import type { Form, FormField } from "../../../core/index.js";
import { submitData } from "./action-data.js";
import { choiceValue, inputIds, personIds } from "./form-ids.js";
import { TEAMS } from "./limits.js";
import { inert, markdown } from "./markdown.js";
import { isBlank, jsonBytes, oneLine, sanitize, truncate } from "../../common/text.js";
import {
  CARD_SCHEMA,
  CARD_VERSION,
  type AdaptiveCard,
  type CardElement,
  type CardInput,
  type ChoiceSetInput,
  type TextBlock,
} from "./types.js";

const LABEL = 200;
const HINT = 500;
const ERROR = 300;
const CHOICE_TITLE = 100;
const SUBMIT_TITLE = 40;
const MONEY_PLACEHOLDER = "2500 or 1.2k EUR";
/** Kept free for the errors at the top, the "left out" line and the submit button. */
const RESERVED_BYTES = 8_000;
/** Errors listed at the top; each error also shows under its own field. */
const TOP_ERRORS = 5;

export interface TeamsDialog {
  title: string;
  card: AdaptiveCard;
}

export interface PlannedField {
  field: FormField;
  id: string;
  elements: CardElement[];
}

/** Which fields the card holds, with their elements; the same for a form with or without prefilled values. */
export function planDialog(form: Pick<Form, "fields" | "errors">): { fields: PlannedField[]; left: FormField[] } {
  const ids = inputIds(form.fields);
  const candidates = form.fields
    .map((field, i) => ({ field, i, size: jsonBytes(fieldElements({ ...field, initial: undefined }, ids[i]!, form.errors)) }))
    .sort((a, b) => Number(b.field.required) - Number(a.field.required) || a.i - b.i);
  const kept = new Set<number>();
  let bytes = 0;
  for (const c of candidates) {
    if (bytes + c.size > TEAMS.cardBytes - RESERVED_BYTES) continue;
    kept.add(c.i);
    bytes += c.size;
  }
  return {
    fields: form.fields.flatMap((field, i) =>
      kept.has(i) ? [{ field, id: ids[i]!, elements: fieldElements(field, ids[i]!, form.errors) }] : [],
    ),
    left: form.fields.filter((_, i) => !kept.has(i)),
  };
}

export function toTeamsDialog(form: Form): TeamsDialog {
  const plan = planDialog(form);
  const body: CardElement[] = [...errorLines(form), ...plan.fields.flatMap((p) => p.elements)];
  if (plan.left.length) {
    const what = plan.left.length === 1 ? "1 more field does" : `${plan.left.length} more fields do`;
    body.push(
      note(
        `_${what} not fit in this dialog. To give ${plan.left.length === 1 ? "it" : "them"}, type the command instead: **${truncate(oneLine(form.command), 200)} …**_`,
      ),
    );
  }
  const submit = truncate(oneLine(form.submitLabel), SUBMIT_TITLE);
  if (!plan.fields.length)
    body.push(
      note(`Nothing to fill in: press **${isBlank(submit) ? "Save" : submit}** to run **${truncate(oneLine(form.command), 200)}**.`),
    );
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    actions: [
      {
        type: "Action.Submit",
        title: isBlank(submit) ? "Save" : submit,
        style: "positive",
        data: submitData({
          action: "submit",
          command: truncate(oneLine(form.command), 200, ""),
          ...(form.project ? { project: truncate(form.project, 200, "") } : {}),
        }),
      },
    ],
  };
  dropPrefillsOverBudget(card, plan.fields);
  const title = truncate(oneLine(form.title), TEAMS.dialogTitle);
  return { title: isBlank(title) ? "Charter" : title, card };
}

const note = (text: string): TextBlock => ({ type: "TextBlock", text, wrap: true, isSubtle: true, size: "Small" });

function fieldElements(field: FormField, id: string, errors: Form["errors"]): CardElement[] {
  const notes = [field.hint ? truncate(sanitize(field.hint), HINT) : "", choicesNote(field)].filter((n) => !isBlank(n));
  // hasOwn: a field named "constructor" has no error just because every object has that key.
  const given = errors && Object.hasOwn(errors, field.name) ? errors[field.name] : undefined;
  const error = typeof given === "string" ? inert(oneLine(given)) : "";
  return [
    inputFor(field, id),
    ...(notes.length ? [{ ...note(markdown(notes.join(" "))), spacing: "None" as const }] : []),
    ...(isBlank(error)
      ? []
      : [
          {
            type: "TextBlock",
            text: truncate(error, ERROR),
            wrap: true,
            color: "Attention",
            size: "Small",
            spacing: "None",
          } satisfies TextBlock,
        ]),
  ];
}

function inputFor(field: FormField, id: string): CardInput {
  const label = truncate([oneLine(field.label), oneLine(field.name), "Value"].find((l) => !isBlank(l))!, LABEL);
  const common = { id, label, ...(field.required ? { isRequired: true, errorMessage: `${truncate(label, 100)} is required` } : {}) };
  const initial = field.initial === undefined ? undefined : sanitize(field.initial).trim();
  switch (field.kind) {
    case "number": {
      const value = initial && /^-?\d+(\.\d+)?$/.test(initial) ? Number(initial) : undefined;
      return { type: "Input.Number", ...common, ...(value !== undefined && Number.isFinite(value) ? { value } : {}) };
    }
    case "date":
      return { type: "Input.Date", ...common, ...(initial && isIsoDate(initial) ? { value: initial } : {}) };
    case "select":
      // No choices to offer: let them type it.
      return field.options?.length ? choiceSet(field, common, initial) : textInput(field, common, initial);
    case "user":
    case "users": {
      // The references themselves, before sanitize spells them out as names.
      const people = field.initial ? personIds(field.initial) : [];
      const chosen = field.kind === "user" ? people.slice(0, 1) : people;
      return {
        type: "Input.ChoiceSet",
        ...common,
        choices: [],
        "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
        ...(field.kind === "users" ? { isMultiSelect: true } : {}),
        ...(chosen.length ? { value: chosen.join(",") } : {}),
      };
    }
    case "text":
    case "longtext":
    case "money":
      return textInput(field, common, initial);
  }
}

function textInput(
  field: FormField,
  common: Pick<CardInput, "id" | "label" | "isRequired" | "errorMessage">,
  initial: string | undefined,
): CardInput {
  const value = field.initial === undefined ? undefined : sanitize(field.initial);
  return {
    type: "Input.Text",
    ...common,
    ...(field.kind === "longtext" ? { isMultiline: true } : {}),
    ...(field.kind === "money" ? { placeholder: MONEY_PLACEHOLDER } : {}),
    ...(value && initial ? { value } : {}),
  };
}

/** Choices while the input stays within the element budget; the hint says when some were left out. */
function shownChoices(field: FormField): { title: string; value: string }[] {
  const out: { title: string; value: string }[] = [];
  let bytes = 0;
  for (const [i, option] of (field.options ?? []).entries()) {
    if (out.length >= TEAMS.choices) break;
    const title = [oneLine(option.label), oneLine(option.value), "—"].find((t) => !isBlank(t))!;
    const choice = { title: truncate(title, CHOICE_TITLE), value: choiceValue(i) };
    bytes += jsonBytes(choice) + 1;
    if (bytes > TEAMS.elementBytes / 2) break;
    out.push(choice);
  }
  return out;
}

function choiceSet(
  field: FormField,
  common: Pick<CardInput, "id" | "label" | "isRequired" | "errorMessage">,
  initial: string | undefined,
): ChoiceSetInput {
  const choices = shownChoices(field);
  const options = field.options ?? [];
  let chosen = initial === undefined ? -1 : options.findIndex((o) => o.value === initial);
  if (chosen < 0 && initial !== undefined) chosen = options.findIndex((o) => o.label.toLowerCase() === initial.toLowerCase());
  // A prefilled choice further down the list replaces the last one shown, so it can be kept.
  if (chosen >= choices.length && choices.length) {
    const o = options[chosen]!;
    choices[choices.length - 1] = {
      title: truncate([oneLine(o.label), oneLine(o.value), "—"].find((t) => !isBlank(t))!, CHOICE_TITLE),
      value: choiceValue(chosen),
    };
  }
  return { type: "Input.ChoiceSet", ...common, choices, ...(chosen >= 0 ? { value: choiceValue(chosen) } : {}) };
}

function choicesNote(field: FormField): string {
  if (field.kind !== "select" || !field.options?.length) return "";
  const shown = shownChoices(field).length;
  return shown < field.options.length ? `Showing ${shown} of ${field.options.length} choices; type the command to pick another.` : "";
}

/** The errors of a rejected submission, at the top, by field label; each also shows under its field. */
function errorLines(form: Form): CardElement[] {
  const entries = Object.entries(form.errors ?? {})
    .map(([name, message]) => [name, oneLine(message)] as const)
    .filter(([, message]) => !isBlank(message));
  if (!entries.length) return [];
  const lines = entries.slice(0, TOP_ERRORS).map(([name, message]) => {
    const label = oneLine(form.fields.find((f) => f.name === name)?.label ?? "");
    return `- ${isBlank(label) ? "" : `**${truncate(label, 100)}:** `}${truncate(markdown(message), ERROR)}`;
  });
  if (entries.length > TOP_ERRORS) lines.push(`- …and ${entries.length - TOP_ERRORS} more, under their fields`);
  return [
    {
      type: "TextBlock",
      text: `${entries.length === 1 ? "Please fix this:" : "Please fix these:"}\n${lines.join("\n")}`,
      wrap: true,
      color: "Attention",
    },
  ];
}

/** Prefilled values are the one part sized by data; past the budget the last ones go (the fields stay). */
function dropPrefillsOverBudget(card: AdaptiveCard, fields: PlannedField[]): void {
  let over = jsonBytes(card) - TEAMS.cardBytes;
  for (let i = fields.length - 1; i >= 0 && over > 0; i--) {
    const input = fields[i]!.elements[0] as CardInput & { value?: unknown };
    if (input.value === undefined) continue;
    over -= jsonBytes(input.value) + 9;
    delete input.value;
  }
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().startsWith(text);
}
