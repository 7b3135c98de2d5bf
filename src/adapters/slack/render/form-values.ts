/**
 * A view_submission's `view.state.values` -> field name -> text, the same
 * words a user would type, so the submission goes through the command's
 * own parser: picked users and channels become the core's references (as
 * structure, never from text), dates ISO strings, numbers their digits.
 * Empty inputs are left out, as if not typed.
 */
import { chatText, type ChatText, type Form, type FormField } from "../../../core/index.js";
import { blockIds, decodeOption } from "./form-ids.js";
import { isBlank } from "../../common/text.js";

/** The parts of Bolt's ViewStateValue this reads; Bolt's type fits it. */
export interface SlackStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_user?: string | null;
  selected_users?: string[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  selected_conversation?: string | null;
  selected_channel?: string | null;
  selected_conversations?: string[];
  selected_channels?: string[];
}

export type SlackStateValues = Readonly<Record<string, Readonly<Record<string, SlackStateValue>>>>;

export function formValuesFromSlack(values: SlackStateValues, form?: Form): Record<string, string | ChatText> {
  const fields = new Map<string, FormField>();
  if (form) blockIds(form.fields).forEach((id, i) => fields.set(id, form.fields[i]!));
  const out = new Map<string, string | ChatText>();
  for (const [blockId, actions] of Object.entries(values)) {
    const field = fields.get(blockId);
    for (const state of Object.values(actions)) {
      const text = textOf(state, field);
      if (text !== undefined && (typeof text !== "string" || !isBlank(text))) {
        out.set(field?.name ?? blockId, text);
        break;
      }
    }
  }
  // fromEntries, not assignment: a field named "__proto__" must stay a field.
  return Object.fromEntries(out);
}

const people = (users: readonly string[]) => chatText(users.flatMap((id, i) => [...(i ? [" "] : []), { member: { id } }]));
const channels = (ids: readonly string[]) => chatText(ids.flatMap((id, i) => [...(i ? [" "] : []), { channel: { id } }]));

function textOf(state: SlackStateValue, field: FormField | undefined): string | ChatText | undefined {
  const option = (value: string) => (field ? decodeOption(field, value) : value);
  if (state.selected_users?.length) return people(state.selected_users);
  if (state.selected_user) return people([state.selected_user]);
  if (state.selected_option) return option(state.selected_option.value);
  if (state.selected_options?.length) return state.selected_options.map((o) => option(o.value)).join(" ");
  if (state.selected_date) return state.selected_date;
  if (state.selected_time) return state.selected_time;
  if (typeof state.selected_date_time === "number") return new Date(state.selected_date_time * 1000).toISOString();
  if (state.selected_conversations?.length) return channels(state.selected_conversations);
  if (state.selected_channels?.length) return channels(state.selected_channels);
  if (state.selected_conversation) return channels([state.selected_conversation]);
  if (state.selected_channel) return channels([state.selected_channel]);
  return state.value ?? undefined;
}
