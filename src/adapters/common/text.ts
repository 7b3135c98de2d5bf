/**
 * The text kit every chat surface shares: clean text, cut it within a
 * platform's character or byte budget without ever cutting a character in
 * half (cuts fall on grapheme boundaries, so an emoji with its skin tone or a
 * letter with its accent stays whole, never inside a surrogate pair), and
 * measure it. Each adapter keeps only its own escaping (Slack mrkdwn, Teams
 * markdown) on top of this.
 */

import { plainReferences } from "../../core/index.js";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters other than tab and newline: clients drop or reject them, and JSON inflates them sixfold.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text fit to send: CRLF -> LF, no stray control characters, no lone
 * surrogates; core references spelled out as words (@name, #channel, label
 * (url)), for places that cannot hold a live one. The adapters' mrkdwn() and
 * markdown() take references out first.
 */
export function sanitize(value: string): string {
  return plainReferences(value).replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** For places that show one line (headers, titles, labels, button captions). */
export function oneLine(value: string): string {
  return sanitize(value)
    .replace(/\s*\n\s*/g, " ")
    .replace(/\t/g, " ");
}

export function isBlank(value: string): boolean {
  return value.trim() === "";
}

/**
 * The largest grapheme boundary in (0, max] of `value`, or a code point
 * boundary when one grapheme is longer than max. Only a window around the
 * cut is segmented, starting at an ASCII character: a grapheme boundary
 * always falls just before one (CR LF aside, and CR is gone after sanitize).
 * The window reaches one whole code point past the cut: a skin tone or other
 * astral modifier there must be seen to keep it with its emoji.
 */
export function boundaryAtOrBefore(value: string, max: number): number {
  if (max >= value.length) return value.length;
  let from = Math.max(0, max - 64);
  while (from > 0 && value.charCodeAt(from) >= 0x80) from--;
  // The start of the grapheme that holds `max`, found by ICU without a JS object per grapheme of the window.
  const best = from + segmenter.segment(value.slice(from, max + 2)).containing(max - from)!.index;
  if (best > 0) return best;
  // One grapheme longer than max (a pile of combining marks): fall back to a code point boundary.
  const code = value.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** At most `max` code units; a cut string ends with the ellipsis. */
export function truncate(value: string, max: number, ellipsis = "…"): string {
  if (value.length <= max) return value;
  return value.slice(0, boundaryAtOrBefore(value, max - ellipsis.length)) + ellipsis;
}

/** A span that must not be split, such as a link or an HTML entity. */
export interface Span {
  start: number;
  end: number;
}

/** The span (sorted, non-overlapping) that `at` falls strictly inside, if any. */
function spanAround(spans: readonly Span[], at: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (at <= span.start) hi = mid - 1;
    else if (at >= span.end) lo = mid + 1;
    else return span;
  }
  return undefined;
}

/**
 * Splits text into pieces of at most `max` code units: at a line break when
 * one falls in the second half of the piece, else at a space, else between
 * graphemes; never inside a protected span (unless the span alone is longer
 * than half a piece). Whitespace-only pieces are dropped. `protect` may stop
 * at the spans that start past `until`: no cut of this piece falls in them.
 */
export function splitText(value: string, max: number, protect: (text: string, until: number) => Span[] = () => []): string[] {
  const pieces: string[] = [];
  let rest = value;
  while (rest.length > max) {
    const spans = protect(rest, max);
    const minCut = Math.floor(max / 2);
    const allowed = (i: number) => i >= minCut && !spanAround(spans, i);
    let end = -1;
    let next = -1;
    const newline = rest.lastIndexOf("\n", max);
    if (newline >= minCut && allowed(newline)) {
      end = newline;
      next = newline + 1;
    } else {
      for (let i = max; i >= minCut; i--) {
        if ((rest[i] === " " || rest[i] === "\t") && allowed(i)) {
          end = i;
          next = i + 1;
          break;
        }
      }
    }
    if (end < 0) {
      end = boundaryAtOrBefore(rest, max);
      const inside = spanAround(spans, end);
      if (inside && inside.start >= minCut) end = inside.start;
      next = end;
    }
    pieces.push(rest.slice(0, end));
    rest = rest.slice(next);
  }
  pieces.push(rest);
  return pieces.filter((p) => !isBlank(p));
}

/** Bytes a value takes in the JSON that is sent (UTF-8), for byte-sized budgets. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/**
 * After sanitize, no code unit takes more than 3 bytes in JSON (a BMP
 * character; an escaped quote, backslash, tab or newline takes 2, a
 * surrogate pair 4 for two units), so this many units always fit in `bytes`.
 */
export const unitsWithin = (bytes: number): number => Math.floor(bytes / 3);

/** Terminal-style width: wide East Asian characters and emoji take two columns. */
export function displayWidth(value: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(value)) {
    const code = segment.codePointAt(0) ?? 0;
    width += isWide(code) || /\p{Extended_Pictographic}/u.test(segment) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function graphemes(value: string): string[] {
  return Array.from(segmenter.segment(value), (s) => s.segment);
}
