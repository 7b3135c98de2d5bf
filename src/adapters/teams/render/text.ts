/**
 * String helpers for cards: clean text, cut it without breaking a character
 * (an emoji with its skin tone, a letter with its accent stays whole) and
 * measure it the way the card budget counts it, in UTF-8 bytes of JSON.
 */

import { plainReferences } from "../../../core/views/references.js";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters other than tab and newline: clients drop them, and JSON inflates them sixfold.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text fit to send: CRLF -> LF, no stray control characters, no lone
 * surrogates; core references spelled out as words (@name, #channel, label
 * (url)) for places that cannot hold a live one. markdown() takes them out first.
 */
export function sanitize(value: string): string {
  return plainReferences(value).replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** For places that show one line (titles, labels, button captions). */
export function oneLine(value: string): string {
  return sanitize(value).replace(/\s*\n\s*/g, " ").replace(/\t/g, " ");
}

export function isBlank(value: string): boolean {
  return value.trim() === "";
}

/** The largest grapheme boundary at or before `max` (a code point boundary when one grapheme is longer). */
export function boundaryAtOrBefore(value: string, max: number): number {
  if (max >= value.length) return value.length;
  let from = Math.max(0, max - 64);
  while (from > 0 && value.charCodeAt(from) >= 0x80) from--;
  let best = 0;
  for (const { index } of segmenter.segment(value.slice(from, max + 1))) {
    if (from + index > max) break;
    best = from + index;
  }
  if (best > 0) return best;
  const code = value.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** At most `max` code units; a cut string ends with an ellipsis. */
export function truncate(value: string, max: number, ellipsis = "…"): string {
  if (value.length <= max) return value;
  return value.slice(0, boundaryAtOrBefore(value, max - ellipsis.length)) + ellipsis;
}

/**
 * Pieces of at most `max` code units: cut at a line break in the second half
 * of a piece, else at a space, else between graphemes. Blank pieces are dropped.
 */
export function splitText(value: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = value;
  while (rest.length > max) {
    const half = Math.floor(max / 2);
    let end = rest.lastIndexOf("\n", max);
    let next = end + 1;
    if (end < half) {
      end = rest.lastIndexOf(" ", max);
      next = end + 1;
    }
    if (end < half) {
      end = boundaryAtOrBefore(rest, max);
      next = end;
    }
    pieces.push(rest.slice(0, end));
    rest = rest.slice(next);
  }
  pieces.push(rest);
  return pieces.filter((p) => !isBlank(p));
}

/** UTF-8 size of a string. */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** Bytes a value takes in the JSON that is sent. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value));
}

/**
 * After sanitize, no code unit takes more than 3 bytes in JSON (a BMP
 * character; an escaped quote, backslash, tab or newline takes 2, a
 * surrogate pair 4 for two units), so this many units always fit in `bytes`.
 */
export const unitsWithin = (bytes: number): number => Math.floor(bytes / 3);
