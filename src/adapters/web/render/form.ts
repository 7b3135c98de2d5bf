/**
 * Form -> an HTML form. Every field has a visible label; a rejected
 * submission shows each error under its field (aria-invalid and
 * aria-describedby point a screen reader at it) and one at the top for
 * anything that is not about a field. The values go back as `field.<name>`
 * and run through the command's own binder and zod schema.
 */
import type { Form, FormField } from "../../../core/index.js";
import { html, type Html } from "../html.js";

export interface FormTarget {
  /** Where the form posts: the channel's form endpoint. */
  action: string;
  csrf: string;
  /** Id of the message the form belongs to: element ids and the in-place retry use it. */
  messageId: string;
}

export const FIELD_PREFIX = "field.";

const HINTS: Partial<Record<FormField["kind"], string>> = {
  money: "An amount, optionally with a currency: 2500 USD",
  date: "2026-03-30, today, tomorrow, fri, +3d",
  user: "@name",
  users: "@name @other",
};

/** Params labelled by their value's type ("user", "date") read better under their own name: Owner, Review. */
const GENERIC_LABELS = new Set(["user", "users", "text", "date", "number", "amount", "value"]);
export function labelOf(field: FormField): string {
  if (!GENERIC_LABELS.has(field.label.toLowerCase()) || field.name.toLowerCase() === field.label.toLowerCase()) return field.label;
  const words = field.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function control(field: FormField, id: string, described: string | undefined, invalid: boolean): Html {
  const common = { id, name: FIELD_PREFIX + field.name };
  const aria = html`${field.required ? html` required aria-required="true"` : ""}${invalid ? html` aria-invalid="true"` : ""}${described ? html` aria-describedby="${described}"` : ""}`;
  const value = field.initial ?? "";
  switch (field.kind) {
    case "longtext":
      return html`<textarea id="${common.id}" name="${common.name}" rows="3"${aria}>${value}</textarea>`;
    case "select":
      return html`<select id="${common.id}" name="${common.name}"${aria}>
  <option value=""${value === "" ? html` selected` : ""}>${field.required ? "Choose…" : "—"}</option>
  ${(field.options ?? []).map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ""}>${o.label}</option>`)}
  ${value !== "" && !(field.options ?? []).some((o) => o.value === value) ? html`<option value="${value}" selected>${value}</option>` : ""}
</select>`;
    case "number":
      return html`<input type="text" inputmode="decimal" id="${common.id}" name="${common.name}" value="${value}" autocomplete="off"${aria}>`;
    default:
      return html`<input type="text" id="${common.id}" name="${common.name}" value="${value}" autocomplete="off"${aria}>`;
  }
}

export function renderForm(form: Form, target: FormTarget): Html {
  const base = `form-${target.messageId}`;
  const general = form.errors?._;
  const fields = form.fields.map((field) => {
    const id = `${base}-${field.name}`;
    const error = form.errors?.[field.name];
    const hint = field.hint ?? HINTS[field.kind];
    const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
    return html`<div class="field${error ? " field-invalid" : ""}">
  <label for="${id}">${labelOf(field)}${field.required ? html` <span class="required" aria-hidden="true">*</span>` : ""}</label>
  ${control(field, id, described, Boolean(error))}
  ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ""}
  ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ""}
</div>`;
  });
  return html`<form class="reply-form" id="${base}" method="post" action="${target.action}" data-message="${target.messageId}" aria-labelledby="${base}-heading">
  <h3 id="${base}-heading">${form.title}</h3>
  ${general ? html`<p class="form-error" role="alert">${general}</p>` : form.errors ? html`<p class="form-error" role="alert">Please correct the fields marked below.</p>` : ""}
  <input type="hidden" name="csrf" value="${target.csrf}">
  <input type="hidden" name="command" value="${form.command}">
  <input type="hidden" name="message" value="${target.messageId}">
  ${form.project ? html`<input type="hidden" name="project" value="${form.project}">` : ""}
  ${fields}
  <button type="submit">${form.submitLabel}</button>
</form>`;
}

/** A form shown where nothing can be submitted (a mirror of another platform): its fields as a list. */
export function renderFormSummary(form: Form): Html {
  return html`<div class="reply-form reply-form-readonly"><h3>${form.title}</h3><ul>${form.fields.map((f) => html`<li>${labelOf(f)}${f.required ? " (required)" : ""}</li>`)}</ul></div>`;
}
