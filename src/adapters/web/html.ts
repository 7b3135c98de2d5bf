/**
 * The one place where the web console escapes text. Every `${…}` in an
 * `html` template is escaped unless it is already Html (another template's
 * result); arrays are joined, null/undefined/false render nothing. There is
 * no other way to put a string into a page, so nothing typed in chat can
 * become markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | bigint | boolean | null | undefined | readonly Part[];

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

function part(value: Part): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(part).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += part(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Markup built here from constants (a stylesheet, a script); never for anything a user typed. */
export const trusted = (markup: string): Html => new Html(markup);

export const join = (parts: readonly Part[], separator = ""): Html => new Html(parts.map(part).join(part(separator)));
