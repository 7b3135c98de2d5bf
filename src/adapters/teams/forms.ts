/**
 * Command forms as Teams dialogs: the form a button asks for, and a
 * submission run through the same command binder and zod schema as typed
 * words. A rejected submission comes back as the form again, with the
 * errors next to their fields and what was entered kept.
 */
import type { TurnContext } from "botbuilder";
import {
  MAX_PEOPLE,
  formFor,
  type Context,
  findCommand,
  submitForm,
  chatText,
  inboundWords,
  type ChatText,
  type InboundPart,
  tokenize,
  withoutReserved,
  type Form,
  rejection,
  type Reply,
} from "../../core/index.js";
import { tenantOf } from "./activity.js";
import { teamsContext, type TeamsDeps } from "./context.js";
import { formValuesFromTeams, type CharterAction } from "./render/index.js";

type FormAction = Extract<CharterAction, { action: "form" | "submit" }>;

/** The command's form, prefilled with what the button carried; null for a command without one. */
export function formForAction(action: FormAction): Form | null {
  const match = findCommand(tokenize(action.command));
  if (!match || match.args.length > 0) return null;
  const form: Form = { ...formFor(match.def), ...(action.project ? { project: action.project } : {}) };
  const values = action.action === "form" ? (action.values ?? {}) : {};
  for (const field of form.fields) if (Object.hasOwn(values, field.name)) field.initial = values[field.name]!;
  return form;
}

export interface Submission {
  reply: Reply;
  /** Present when the dialog should be shown again: the form with its errors and what was entered. */
  retry?: Form;
  /** The context the form ran with: what a failure afterwards reads to say what was saved. */
  ctx?: Context;
}

export async function submitDialog(deps: TeamsDeps, turn: TurnContext, action: FormAction, data: unknown): Promise<Submission> {
  const blank = formForAction({ action: "submit", command: action.command, ...(action.project ? { project: action.project } : {}) });
  if (!blank) return { reply: rejection(`Unknown form \`${action.command}\`.`) };
  const { values: typed, people } = formValuesFromTeams(data, blank);
  // Each picked id costs a roster look-up and a member: a pasted crowd is refused before any.
  const crowded = Object.entries(people).find(([, ids]) => ids.length > MAX_PEOPLE);
  if (crowded) {
    const [name, ids] = crowded;
    const message = `At most ${MAX_PEOPLE} people at once (got ${ids.length}).`;
    const retry: Form = {
      ...blank,
      fields: blank.fields.map((f) => (Object.hasOwn(typed, f.name) ? { ...f, initial: typed[f.name]! } : f)),
      errors: { [name]: message },
    };
    return { reply: rejection(message), retry };
  }
  const values: Record<string, string | ChatText> = { ...typed };
  const tenant = tenantOf(turn.activity);
  const ctx = await teamsContext(deps, turn);
  for (const [name, ids] of Object.entries(people)) {
    const picked: InboundPart[] = [];
    for (const id of ids) {
      const person = await deps.people.resolve(turn, tenant, { id });
      const personName = person.name ? withoutReserved(person.name) : "";
      await ctx.store.members.ensure(tenant, { platformUserId: person.id, ...(personName ? { name: personName } : {}) });
      picked.push(...(picked.length ? [" "] : []), { member: { id: person.id, ...(personName ? { name: personName } : {}) } });
    }
    values[name] = chatText(picked);
  }
  const reply = await submitForm(ctx, action.command, values, action.project);
  if (reply.ok) return { reply, ctx };
  // Field errors go next to their fields; any other refusal (say, no project linked) at the top.
  const errors = reply.form?.errors ?? { _: reply.summary };
  const base = reply.form ?? blank;
  const retry: Form = {
    ...base,
    fields: base.fields.map((f) => ({ ...f, ...(values[f.name] !== undefined ? { initial: inboundWords(values[f.name]!) } : {}) })),
    errors,
  };
  if (action.project) retry.project = action.project;
  return { reply, retry, ctx };
}
