/**
 * Forms derived from a command's params: the form a chat user gets when a
 * command is missing its required words.
 */
import type { Form, FormField, FormFieldKind } from "../views/form.js";
import type { CommandDef } from "./define.js";
import type { Param, RawInput, ValueType } from "./params.js";

const KIND_BY_TYPE: Record<ValueType, FormFieldKind> = {
  text: "text",
  money: "money",
  date: "date",
  mention: "user",
  ref: "text",
  percent: "number",
  estimate: "text",
  number: "text",
  "scale-p": "select",
  "scale-i": "select",
  days: "number",
};

const SCALE = ["1", "2", "3", "4", "5"].map((v) => ({ value: v, label: v }));

function fieldFor(p: Param): FormField | null {
  if (p.form === false) return null;
  if (p.at === "keyword" && p.keywords.length > 1) return null;
  let kind: FormFieldKind;
  let options = p.options?.map((o) => ({ value: o, label: o }));
  if (p.at === "flag") {
    kind = "select";
    options = p.words.map((w) => ({ value: w, label: w }));
  } else if (p.at === "rest") kind = "text";
  else if (p.at === "typed" && p.type === "mention" && p.multiple) kind = "users";
  else kind = KIND_BY_TYPE[p.type];
  if (p.at !== "flag" && p.at !== "rest" && (p.type === "scale-p" || p.type === "scale-i")) options = SCALE;
  if (options && p.at !== "flag" && p.at !== "rest" && p.type === "text") kind = "select";
  if (p.form) kind = p.form;
  return {
    name: p.name,
    label: p.label.charAt(0).toUpperCase() + p.label.slice(1),
    kind,
    required: Boolean(p.required),
    ...(p.hint ? { hint: p.hint } : {}),
    ...(options ? { options } : {}),
  };
}

export function formFor(def: CommandDef, initial: RawInput = {}, errors?: Record<string, string>): Form {
  const fields = def.params.flatMap((p) => {
    const field = fieldFor(p);
    if (!field) return [];
    const value = initial[p.name];
    if (typeof value === "string") field.initial = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) field.initial = value.join(" ");
    return [field];
  });
  return {
    command: def.path.join(" "),
    title: def.formTitle ?? def.summary,
    submitLabel: "Save",
    fields,
    ...(errors && Object.keys(errors).length ? { errors } : {}),
  };
}
