/**
 * How a form's fields are named in a dialog card, shared by the card and the
 * submission parser so both agree. An input's id is its field's name; a name
 * that cannot be one (empty, odd characters, a duplicate, or a key the
 * button data already uses) gets a stand-in, mapped back on submit.
 */
import { segments, type FormField } from "../../../core/index.js";
import { ACTION_KEY } from "./action-data.js";

const RESERVED = new Set([ACTION_KEY, "msteams"]);
const USABLE = /^[A-Za-z0-9_.-]{1,100}$/;

export function inputIds(fields: readonly FormField[]): string[] {
  const used = new Set<string>();
  const ids = fields.map((f) => {
    const fits = USABLE.test(f.name) && !RESERVED.has(f.name) && !used.has(f.name);
    if (fits) used.add(f.name);
    return fits ? f.name : undefined;
  });
  return ids.map((id, i) => {
    if (id !== undefined) return id;
    let made = `field_${i + 1}`;
    while (used.has(made)) made += "_";
    used.add(made);
    return made;
  });
}

/** Choices are sent as their index: any option value round-trips, however long or odd. */
export const choiceValue = (index: number): string => String(index);

export function decodeChoice(field: FormField, sent: string): string {
  return /^\d+$/.test(sent) ? (field.options?.[Number(sent)]?.value ?? sent) : sent;
}

/** People from the core's member references for a people picker's initial value. */
export function personIds(text: string): string[] {
  return segments(text).flatMap((s) => (s.kind === "member" ? [s.id] : []));
}
