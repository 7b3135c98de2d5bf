/**
 * Tables as rows of ColumnSets, the header repeated at the top of every
 * chunk so a table paged over several cards still reads. Wider tables, and
 * rows with a cell too long for a column, list their cells as facts
 * ("Column: value") instead, so nothing is cut.
 */
import { TEAMS } from "./limits.js";
import { markdown, plainWords } from "./markdown.js";
import { isBlank, jsonBytes, oneLine, sanitize, splitText, unitsWithin } from "../../common/text.js";
import type { CardElement, ColumnSet, Container, FactSet, TextBlock } from "./types.js";

// Per-cell JSON around the text ({"type":"Column","width":40,"items":[{"type":"TextBlock",...}]}).
const CELL_OVERHEAD = 160;
const MAX_WEIGHT = 40;

export function tableElements(columns: readonly string[], rows: readonly (readonly string[])[]): CardElement[] {
  const width = Math.max(columns.length, ...rows.map((r) => r.length));
  if (width === 0 || (rows.length === 0 && columns.every(isBlank))) return [];
  const header = Array.from({ length: width }, (_, i) => plainWords(oneLine(columns[i] ?? "")));
  const body = rows.map((r) => Array.from({ length: width }, (_, i) => sanitize(r[i] ?? "")));
  if (!body.length && width > TEAMS.tableColumns) {
    // No rows to list: the column names are all there is to show.
    const names = header
      .filter((h) => !isBlank(h))
      .map((h) => `**${h}**`)
      .join(" · ");
    return splitText(names, unitsWithin(TEAMS.elementBytes - 200)).map((text): TextBlock => ({ type: "TextBlock", text, wrap: true }));
  }
  if (width > TEAMS.tableColumns)
    return chunk(
      body.flatMap((row) => rowFacts(header, row)),
      null,
    );

  const cellUnits = unitsWithin(Math.floor(TEAMS.elementBytes / 2 / width) - CELL_OVERHEAD);
  const weights = header.map((h, i) => Math.min(MAX_WEIGHT, Math.max(1, h.length, ...body.map((r) => r[i]!.length))));
  const numeric = header.map((_, i) => isNumericColumn(body.map((r) => r[i]!)));
  const headerRow = row(
    header.map((h) => h || " "),
    weights,
    numeric,
    true,
  );
  const items: CardElement[] = body.map((cells) =>
    cells.some((c) => c.length > cellUnits)
      ? rowFacts(header, cells)[0]!
      : row(
          cells.map((c) => markdown(c) || " "),
          weights,
          numeric,
          false,
        ),
  );
  return chunk(items, headerRow);
}

function row(cells: string[], weights: number[], numeric: boolean[], isHeader: boolean): ColumnSet {
  return {
    type: "ColumnSet",
    spacing: "Small",
    ...(isHeader ? {} : { separator: true }),
    columns: cells.map((text, i) => {
      const block: TextBlock = { type: "TextBlock", text, wrap: true };
      if (isHeader) block.weight = "Bolder";
      if (numeric[i]) block.horizontalAlignment = "Right";
      return { type: "Column", width: weights[i]!, items: [block] };
    }),
  };
}

/** One row as facts; a very long cell continues in facts of its own. Always one FactSet (split later if needed). */
function rowFacts(header: string[], cells: string[]): FactSet[] {
  const facts = cells.flatMap((cell, i) => {
    if (isBlank(cell)) return [];
    const title = isBlank(header[i]!) ? `Column ${i + 1}` : header[i]!;
    return splitText(markdown(cell), unitsWithin(TEAMS.elementBytes / 2)).map((value, k) => ({
      title: k === 0 ? title : `${title} (cont.)`,
      value,
    }));
  });
  return [{ type: "FactSet", separator: true, facts: facts.length ? facts : [{ title: "—", value: "—" }] }];
}

/** Containers of rows within the element budget, each under the header (when there is one). */
function chunk(items: CardElement[], header: ColumnSet | null): CardElement[] {
  const budget = TEAMS.elementBytes - jsonBytes({ type: "Container", items: [] }) - (header ? jsonBytes(header) + 1 : 0);
  const out: Container[] = [];
  let current: CardElement[] = [];
  let used = 0;
  const flush = () => {
    if (!current.length && (out.length || !header)) return;
    out.push({ type: "Container", items: header ? [header, ...current] : current });
    current = [];
    used = 0;
  };
  for (const item of splitFacts(items, budget)) {
    const size = jsonBytes(item) + 1;
    if (current.length && used + size > budget) flush();
    current.push(item);
    used += size;
  }
  flush();
  return out;
}

/** A row's FactSet bigger than a chunk is split between facts. */
function splitFacts(items: CardElement[], budget: number): CardElement[] {
  return items.flatMap((item) => {
    if (item.type !== "FactSet" || jsonBytes(item) <= budget) return [item];
    const parts: FactSet[] = [];
    let current: FactSet = { type: "FactSet", facts: [] };
    for (const fact of item.facts) {
      if (current.facts.length && jsonBytes({ ...current, facts: [...current.facts, fact] }) > budget) {
        parts.push(current);
        current = { type: "FactSet", facts: [] };
      }
      current.facts.push(fact);
    }
    parts.push(current);
    return parts;
  });
}

/** Amounts, percentages, counts: right-aligned so their digits line up. */
function isNumericColumn(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== "");
  return filled.length > 0 && filled.every((c) => /\d/.test(c) && !/\p{L}/u.test(c.replace(/\s?[A-Z]{3}$/, "")));
}
