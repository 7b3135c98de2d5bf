/**
 * Core text (limited markdown: *bold*, _italic_, `code`) -> Html. The text is
 * cut into pieces first and each piece goes through the escaping template,
 * so markup in what people typed stays text: a typed [label](https://…) is
 * words, not a link. Only the core's references come out live: a link as an
 * anchor, a member as @name, a channel as #name.
 */
import { plainReferences, segments, type Segment } from "../../../core/index.js";
import { html, join, type Html } from "../html.js";

const TOKEN = /`([^`\n]+)`|(^|[\s(["'])\*([^*\n]+?)\*(?=$|[\s.,;:!?)\]"'])|(^|[\s(["'])_([^_\n]+?)_(?=$|[\s.,;:!?)\]"'])/g;

function emphasis(text: string): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    parts.push(html`${text.slice(last, at)}`);
    if (m[1] !== undefined) parts.push(html`<code>${m[1]}</code>`);
    else if (m[3] !== undefined) parts.push(html`${m[2]}<strong>${m[3]}</strong>`);
    else parts.push(html`${m[4]}<em>${m[5]}</em>`);
    last = at + m[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return join(parts);
}

function live(segment: Exclude<Segment, { kind: "text" }>): Html {
  switch (segment.kind) {
    case "member":
      return html`<span class="mention">@${segment.name}</span>`;
    case "channel":
      return html`<span class="mention">#${segment.name ?? segment.id}</span>`;
    case "link":
      return html`<a href="${segment.url}" rel="noopener noreferrer" target="_blank">${segment.label}</a>`;
  }
}

export function inline(text: string): Html {
  return join(segments(text).map((s) => (s.kind === "text" ? emphasis(s.text) : live(s))));
}

/** Text without the markers, for labels and alt texts; references as plain words. */
export function plainText(text: string): string {
  return plainReferences(text)
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/(^|[\s(])([*_])([^*_\n]+?)\2(?=$|[\s.,;:!?)])/g, "$1$3");
}
