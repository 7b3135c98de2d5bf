/**
 * How form fields are named in a modal, shared by the modal, the errors
 * response and the submission parser so all three agree. A field's
 * block_id and action_id are its name; a name Slack cannot take (empty,
 * over 255 characters, or a duplicate) gets a stand-in, mapped back on submit.
 */
import type { FormField } from "../../../core/index.js";
import { SLACK } from "./limits.js";
import { sanitize } from "../../common/text.js";

export function blockIds(fields: readonly FormField[]): string[] {
  const ids: (string | undefined)[] = [];
  const used = new Set<string>();
  fields.forEach((f, i) => {
    const fits = f.name.length > 0 && f.name.length <= SLACK.id && sanitize(f.name) === f.name && !used.has(f.name);
    if (fits) used.add(f.name);
    ids[i] = fits ? f.name : undefined;
  });
  return ids.map((id, i) => {
    if (id !== undefined) return id;
    let made = `field_${i + 1}`;
    while (used.has(made)) made += "_";
    used.add(made);
    return made;
  });
}

/**
 * Option values go to Slack and come back on submit. They are sent as they
 * are when Slack can carry them (1-150 characters, all distinct); otherwise
 * every option of that field is sent as its index and decoded on submit.
 */
export function optionsByIndex(field: FormField): boolean {
  const values = (field.options ?? []).map((o) => o.value);
  return new Set(values).size !== values.length || values.some((v) => v.length === 0 || v.length > SLACK.optionValue || sanitize(v) !== v);
}

export function optionValue(field: FormField, index: number, byIndex = optionsByIndex(field)): string {
  return byIndex ? String(index) : (field.options?.[index]?.value ?? "");
}

/** A submitted option value -> the value the core gave that option. */
export function decodeOption(field: FormField, sent: string): string {
  if (!optionsByIndex(field)) return sent;
  return /^\d+$/.test(sent) ? (field.options?.[Number(sent)]?.value ?? sent) : sent;
}
