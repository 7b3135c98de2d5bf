/**
 * Tables in Slack: mrkdwn has no tables, so a table becomes an aligned
 * monospace code block. Long cells wrap inside their column rather than being
 * cut, so the block stays narrow enough that Slack does not re-wrap it; the
 * header repeats in every section when the rows span several. Tables that
 * cannot be shown that way (the core's mentions and links, which a code block
 * cannot make live; too many columns to fit) become one line per row,
 * "*Column:* value".
 */
import { SLACK, TABLE_WIDTH } from "./limits.js";
import { hasReferences } from "../../../core/index.js";
import { literal, mrkdwn, splitMrkdwn } from "./mrkdwn.js";
import { displayWidth, graphemes, isBlank, oneLine, sanitize } from "../../common/text.js";

const GAP = "  ";
const FENCE = "```";
const MIN_COLUMN = 6;
// A long cell wraps at this width even when the table has room: a paragraph in one column hides the others.
const MAX_COLUMN = 40;
// Above this an escaped line is made of huge graphemes or many entities; the row layout copes better.
const MAX_LINE = 900;

/** Section texts (each at most 3,000 characters) that show the table. */
export function tableTexts(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = Math.max(columns.length, ...rows.map((r) => r.length));
  if (width === 0 || (rows.length === 0 && columns.every(isBlank))) return [];
  const header = Array.from({ length: width }, (_, i) => oneLine(columns[i] ?? ""));
  const cells = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
  // Cells keep their references for the row layout; a code block would show them as words only.
  if (cells.flat().some(hasReferences)) return rowLines(header, cells);
  return (
    codeBlocks(
      header,
      cells.map((r) => r.map(sanitize)),
    ) ?? rowLines(header, cells)
  );
}

function codeBlocks(header: string[], body: string[][]): string[] | null {
  const natural = header.map((h, i) => Math.min(MAX_COLUMN, Math.max(1, displayWidth(h), ...body.map((r) => cellWidth(r[i] ?? "")))));
  const widths = fitWidths(natural, TABLE_WIDTH - GAP.length * (header.length - 1));
  if (!widths) return null;
  const numeric = header.map((_, i) => isNumericColumn(body.map((r) => r[i] ?? "")));
  const pad = (cell: string, i: number) => {
    const space = " ".repeat(Math.max(0, widths[i]! - displayWidth(cell)));
    return numeric[i] ? space + cell : cell + space;
  };
  const line = (cells: string[]) => code(cells.map(pad).join(GAP).trimEnd());
  const top = [line(header.map((h, i) => fitWidth(h, widths[i]!))), widths.map((w) => "─".repeat(w)).join(GAP)];
  const blocks = body.map((row) => {
    const wrapped = row.map((cell, i) => wrap(cell, widths[i]!));
    const height = Math.max(1, ...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, k) => line(wrapped.map((lines) => lines[k] ?? "")));
  });
  if ([...top, ...blocks.flat()].some((l) => l.length > MAX_LINE)) return null;
  return packRows(top, blocks);
}

/** Room in a section for the rows, after the fences and the repeated header. */
function packRows(top: string[], rows: string[][]): string[] {
  const room = SLACK.sectionText - (FENCE.length + 1) * 2 - top.join("\n").length - 1;
  const sections: string[][] = [];
  let current: string[] = [];
  let used = 0;
  const flush = () => {
    sections.push(current);
    current = [];
    used = 0;
  };
  for (const row of rows) {
    const size = row.join("\n").length + 1;
    if (used + size > room && current.length) flush();
    // A row taller than a section (a very long wrapped cell) continues in the next one, line by line.
    for (const l of size > room ? row : [row.join("\n")]) {
      if (used + l.length + 1 > room && current.length) flush();
      current.push(l);
      used += l.length + 1;
    }
  }
  if (current.length || !sections.length) flush();
  return sections.map((lines) => [FENCE, ...top, ...lines, FENCE].join("\n"));
}

/** Narrows the widest columns first until the table fits; null when even the narrowest layout does not. */
function fitWidths(natural: number[], budget: number): number[] | null {
  const floor = natural.map((w) => Math.min(w, MIN_COLUMN));
  if (floor.reduce((a, b) => a + b, 0) > budget) return null;
  const at = (cap: number) => natural.map((w, i) => Math.max(floor[i]!, Math.min(w, cap)));
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  if (total(natural) <= budget) return natural;
  let lo = 1;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (total(at(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return at(lo);
}

/** A header cell cut to its column, by display width. */
function fitWidth(value: string, width: number): string {
  if (displayWidth(value) <= width) return value;
  let out = "";
  for (const g of graphemes(value)) {
    if (displayWidth(out + g) > width - 1) break;
    out += g;
  }
  return out + "…";
}

function cellWidth(cell: string): number {
  return Math.max(0, ...cell.split("\n").map(displayWidth));
}

/** Word-wraps a cell to a column width; words longer than the column break between graphemes. */
function wrap(cell: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of cell.replace(/\t/g, " ").split("\n")) {
    let line = "";
    let used = 0;
    const push = () => {
      out.push(line.trimEnd());
      line = "";
      used = 0;
    };
    for (const word of paragraph.split(/(?<= )/)) {
      if (used + displayWidth(word.trimEnd()) <= width) {
        line += word;
        used += displayWidth(word);
        continue;
      }
      if (line) push();
      for (const g of graphemes(word)) {
        const w = displayWidth(g);
        if (used + w > width && line) push();
        line += g;
        used += w;
      }
    }
    push();
  }
  return out;
}

/** Amounts, percentages, counts: right-aligned so their digits line up. */
function isNumericColumn(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== "");
  return filled.length > 0 && filled.every((c) => /\d/.test(c) && !/\p{L}/u.test(c.replace(/\s?[A-Z]{3}$/, "")));
}

/** Text inside a code block: shown literally, and a cell cannot close the fence early. */
function code(value: string): string {
  return literal(value.replace(/`/g, "ˋ"));
}

/** One bullet per row, "*Column:* value", split between rows. */
function rowLines(header: string[], body: string[][]): string[] {
  const rows = body.length ? body : [header.map(() => "")];
  const lines = rows.map((row) => {
    const parts = row.flatMap((cell, i) => {
      if (isBlank(cell)) return [];
      const name = header[i] ?? "";
      return [!isBlank(name) ? `*${mrkdwn(name)}:* ${mrkdwn(cell)}` : mrkdwn(cell)];
    });
    return `• ${parts.length ? parts.join(" · ") : "—"}`;
  });
  if (!body.length)
    lines[0] = header
      .filter((h) => !isBlank(h))
      .map((h) => `*${mrkdwn(h)}*`)
      .join(" · ");
  return splitMrkdwn(lines.join("\n"), SLACK.sectionText);
}
