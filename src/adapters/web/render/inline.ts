/**
 * Core text (limited markdown: *bold*, _italic_, `code`, [label](https://…))
 * -> Html. The text is cut into pieces first and each piece goes through the
 * escaping template, so markup in what people typed stays text.
 */
import { html, join, type Html } from "../html.js";

const TOKEN = /`([^`\n]+)`|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(^|[\s(["'])\*([^*\n]+?)\*(?=$|[\s.,;:!?)\]"'])|(^|[\s(["'])_([^_\n]+?)_(?=$|[\s.,;:!?)\]"'])/g;

export function inline(text: string): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    parts.push(html`${text.slice(last, at)}`);
    if (m[1] !== undefined) parts.push(html`<code>${m[1]}</code>`);
    else if (m[2] !== undefined) parts.push(html`<a href="${m[3]!}" rel="noopener noreferrer" target="_blank">${m[2]}</a>`);
    else if (m[5] !== undefined) parts.push(html`${m[4]}<strong>${m[5]}</strong>`);
    else parts.push(html`${m[6]}<em>${m[7]}</em>`);
    last = at + m[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return join(parts);
}

/** Text without the markers, for labels and alt texts. */
export function plainText(text: string): string {
  return text.replace(/`([^`\n]+)`/g, "$1").replace(/(^|[\s(])([*_])([^*_\n]+?)\2(?=$|[\s.,;:!?)])/g, "$1$3");
}
