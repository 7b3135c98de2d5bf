/**
 * Core text -> the Markdown a TextBlock or FactSet shows in Teams. The core
 * writes *bold*, _italic_ and `code` as Slack does; Adaptive Cards take
 * **bold** and _italic_ and have no code spans, so code reads in bold.
 * Links written [label](https://…) pass through unchanged.
 */
import { sanitize } from "./text.js";

const BOLD = /(^|[\s(["'])\*([^*\n]+?)\*(?=$|[\s.,;:!?)\]"'])/g;
const CODE = /`([^`\n]+)`/g;

export function markdown(value: string): string {
  return sanitize(value).replace(CODE, (_m, code: string) => `**${code.replace(/\*/g, "")}**`).replace(BOLD, "$1**$2**");
}

/** For labels shown as plain words (fact titles, column headers): the markers of emphasis dropped. */
export function plainWords(value: string): string {
  return sanitize(value).replace(CODE, "$1").replace(/(^|[\s(])([*_])([^*_\n]+?)\2(?=$|[\s.,;:!?)])/g, "$1$3");
}
