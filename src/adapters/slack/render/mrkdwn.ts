/**
 * Core text -> Slack mrkdwn. Every string is inert text: &, < and > are
 * escaped, so nothing a person wrote can become <!channel>, <@U123>, <#C1>
 * or <https://x|label>. The core's limited markdown (*bold*, _italic_,
 * `code`) is already Slack's and stays. Only the core's references
 * (core/views/references.ts) come out live: a member as <@U123>, a channel
 * as <#C123>, a link as <url|label>.
 */
import { segments, type Segment } from "../../../core/index.js";
import { sanitize, splitText, type Span } from "../../common/text.js";

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

const escapeAll = (value: string) => value.replace(/[&<>]/g, (c) => ENTITY[c] ?? c);

/** Slack's live form of a reference. Ids are word characters by construction; a URL has no <, > or |. */
function live(segment: Exclude<Segment, { kind: "text" }>): string {
  switch (segment.kind) {
    case "member":
      return `<@${segment.id}>`;
    case "channel":
      return `<#${segment.id}>`;
    case "link":
      return `<${segment.url.replace(/&/g, "&amp;")}|${escapeAll(sanitize(segment.label))}>`;
  }
}

/** Core text -> mrkdwn: person text escaped, references live. */
export function mrkdwn(value: string): string {
  return segments(value)
    .map((s) => (s.kind === "text" ? escapeAll(sanitize(s.text)) : live(s)))
    .join("");
}

/** Core text -> mrkdwn shown literally (inside a code block): references read as words, nothing is live. */
export function literal(value: string): string {
  return escapeAll(sanitize(value));
}

/**
 * Entities and links in escaped mrkdwn: a cut inside one would show garbage.
 * Those starting past `until` are left out: a long text is split piece by piece, and only the next cut matters.
 */
export function mrkdwnSpans(text: string, until = Infinity): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/&(?:amp|lt|gt);|<[^<>\n]*>/g)) {
    if (m.index > until) break;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Escaped mrkdwn -> pieces of at most `max`, cut between lines where possible. */
export function splitMrkdwn(text: string, max: number): string[] {
  return splitText(text, max, mrkdwnSpans);
}

/** Escaped mrkdwn cut to `max` with an ellipsis, without breaking an entity or a link. */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${splitMrkdwn(text, max - 1)[0] ?? ""}…`;
}
