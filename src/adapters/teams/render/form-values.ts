/**
 * A dialog submission's data -> field name -> text, the words a user would
 * type, so the submission goes through the command's own parser: choices
 * become their option's value, dates stay ISO, numbers their digits. People
 * come back as directory ids, listed apart: the listener turns them into
 * mentions once it knows who they are. Empty inputs are left out, as if not
 * typed.
 */
import type { Form, FormField } from "../../../core/index.js";
import { decodeChoice, inputIds } from "./form-ids.js";
import { isBlank } from "../../common/text.js";

export interface DialogValues {
  values: Record<string, string>;
  /** Field name -> the directory ids picked in its people picker. */
  people: Record<string, string[]>;
}

export function formValuesFromTeams(data: unknown, form: Pick<Form, "fields">): DialogValues {
  const sent = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const values = new Map<string, string>();
  const people = new Map<string, string[]>();
  inputIds(form.fields).forEach((id, i) => {
    const field = form.fields[i]!;
    // Two fields of one name (a malformed form): the first value given wins.
    if (values.has(field.name) || people.has(field.name)) return;
    const raw = Object.hasOwn(sent, id) ? sent[id] : undefined;
    const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : undefined;
    if (text === undefined || isBlank(text)) return;
    if (isPeople(field)) {
      const ids = text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length) people.set(field.name, field.kind === "user" ? ids.slice(0, 1) : ids);
      return;
    }
    values.set(field.name, field.kind === "select" && field.options?.length ? decodeChoice(field, text.trim()) : text);
  });
  // fromEntries, not assignment: a field named "__proto__" must stay a field.
  return { values: Object.fromEntries(values), people: Object.fromEntries(people) };
}

const isPeople = (field: FormField) => field.kind === "user" || field.kind === "users";
