/**
 * Core text -> Slack mrkdwn. The core's limited markdown (*bold*, _italic_,
 * `code`) is already Slack's, so only &, < and > need escaping. Slack's own
 * link and mention syntax (<@U123>, <#C1|name>, <!here>, <https://x|label>)
 * passes through so mentions and links keep working, and a markdown link
 * [label](https://x) becomes Slack's <https://x|label>.
 */
import { sanitize, splitText, type Span } from "./text.js";

const SLACK_TOKEN = /<(?:[@#!][^<>\s|]{1,200}|(?:https?|mailto):[^<>\s|]{1,800})(?:\|[^<>\n]{0,300})?>/;
const MARKDOWN_LINK = /\[([^[\]\n]{1,300})\]\((https?:\/\/[^\s()<>]{1,800})\)/;
const TOKEN = new RegExp(`(${SLACK_TOKEN.source})|${MARKDOWN_LINK.source}|([&<>])`, "g");
const MARKUP = new RegExp(`${SLACK_TOKEN.source}|${MARKDOWN_LINK.source}`);
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

const escapeAll = (value: string) => value.replace(/[&<>]/g, (c) => ENTITY[c] ?? c);
const escapeAmpersands = (value: string) => value.replace(/&/g, "&amp;");

/** Core text -> mrkdwn, keeping Slack links and mentions. */
export function mrkdwn(value: string): string {
  return sanitize(value).replace(TOKEN, (match, token?: string, label?: string, url?: string) => {
    if (token) return escapeAmpersands(token);
    if (label && url) return `<${escapeAmpersands(url)}|${escapeAll(label)}>`;
    return ENTITY[match] ?? match;
  });
}

/** Core text -> mrkdwn shown literally (inside a code block): nothing passes through. */
export function literal(value: string): string {
  return escapeAll(sanitize(value));
}

/** Whether text holds Slack links or mentions, which a code block would show raw. */
export function hasSlackMarkup(value: string): boolean {
  return MARKUP.test(value);
}

/** Entities and links in escaped mrkdwn: a cut inside one would show garbage. */
export function mrkdwnSpans(text: string): Span[] {
  return Array.from(text.matchAll(/&(?:amp|lt|gt);|<[^<>\n]*>/g), (m) => ({ start: m.index, end: m.index + m[0].length }));
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
