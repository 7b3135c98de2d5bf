/**
 * Core text -> the Markdown a TextBlock or FactSet shows in Teams. Every
 * string is inert text: link and image syntax ([x](url), ![x](url)),
 * <http…> autolinks and {{DATE(…)}} functions are broken with an invisible
 * word joiner, so the words stay readable but are no link. The core writes *bold*, _italic_ and `code`
 * as Slack does; Adaptive Cards take **bold** and _italic_ and have no code
 * spans, so code reads in bold. Only the core's references come out live: a
 * link as [label](url), a member as @Name, a channel as #name.
 */
import { segments, type Segment } from "../../../core/index.js";
import { sanitize } from "../../common/text.js";

const BOLD = /(^|[\s(["'])\*([^*\n]+?)\*(?=$|[\s.,;:!?)\]"'])/g;
const CODE = /`([^`\n]+)`/g;
const JOINER = "\u2060";

/**
 * Person text that no Markdown reader takes for a link: "](", "][", "]:"
 * (a reference-style link's definition) and "<scheme:" are broken apart;
 * so is "{{", which opens a card's {{DATE(…)}} / {{TIME(…)}} function, so
 * typed words are shown as typed.
 */
export function inert(text: string): string {
  return text
    .replace(/\]\s*\(/g, (m) => `]${JOINER}${m.slice(1)}`)
    .replace(/\]\s*\[/g, (m) => `]${JOINER}${m.slice(1)}`)
    .replace(/\]:/g, `]${JOINER}:`)
    .replace(/<(?=[a-z][\w+.-]*:|\/\/|www\.)/gi, `<${JOINER}`)
    .replace(/\{(?=\{)/g, `{${JOINER}`);
}

function live(segment: Exclude<Segment, { kind: "text" }>): string {
  switch (segment.kind) {
    case "member":
      return inert(`@${segment.name}`);
    case "channel":
      return inert(`#${segment.name ?? segment.id}`);
    case "link":
      return `[${sanitize(segment.label).replace(/[[\]]/g, "")}](${segment.url})`;
  }
}

export function markdown(value: string): string {
  return segments(value)
    .map((s) =>
      s.kind === "text"
        ? inert(
            sanitize(s.text)
              .replace(CODE, (_m, code: string) => `**${code.replace(/\*/g, "")}**`)
              .replace(BOLD, "$1**$2**"),
          )
        : live(s),
    )
    .join("");
}

/** For labels shown as plain words (fact titles, column headers): the markers of emphasis dropped. */
export function plainWords(value: string): string {
  return inert(
    sanitize(value)
      .replace(CODE, "$1")
      .replace(/(^|[\s(])([*_])([^*_\n]+?)\2(?=$|[\s.,;:!?)])/g, "$1$3"),
  );
}
