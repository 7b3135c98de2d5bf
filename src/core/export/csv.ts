/**
 * How export tables become files.
 *
 * CSV (RFC 4180): UTF-8 with a byte-order mark (so Excel reads unicode
 * right), a header row, records ended by CRLF, fields quoted when they hold a
 * comma, a quote (doubled inside), a line break, or leading/trailing spaces.
 * Line breaks inside a field are kept exactly as typed.
 *
 * Spreadsheet formulas: a text field that a spreadsheet would run as a
 * formula (it starts with =, +, -, @, a tab or a line break, possibly after
 * apostrophes) is written with one extra apostrophe in front, as OWASP
 * advises against CSV injection; `charter import` removes exactly that one
 * apostrophe again, so the round trip stays exact. Only free-text columns
 * are guarded: amounts, dates and numbers are written as they are.
 *
 * JSON: an array of objects per table, keys in the column order, values
 * exact (no formula guard): strings, numbers, booleans or null.
 */
import { stringify } from "csv-stringify/sync";
import type { Cell, Table } from "./tables.js";

export const CSV_MEDIA_TYPE = "text/csv";
export const JSON_MEDIA_TYPE = "application/json";
export const CSV_RECORD_DELIMITER = "\r\n";

const FORMULA = /^'*[=+\-@\t\r\n]/;
const GUARDED = /^'+[=+\-@\t\r\n]/;

/** "=SUM(A1)" -> "'=SUM(A1)"; "'=x" -> "''=x"; anything else unchanged. */
export function guardFormula(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** The inverse of guardFormula: "'=SUM(A1)" -> "=SUM(A1)"; "'90s" stays. */
export function unguardFormula(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

function cellText(cell: Cell, text: boolean): string {
  if (cell === null) return "";
  const value = String(cell);
  return text ? guardFormula(value) : value;
}

/** Rows are turned into text this many at a time, reporting progress after each batch. */
const BATCH = 500;

export type Progress = (rows: number) => void;

/** The CSV file of a table; `progress` hears how many rows were written, batch by batch. */
export function tableToCsv(table: Table, progress?: Progress): string {
  const options = {
    record_delimiter: CSV_RECORD_DELIMITER,
    // Quoted too: any line break (not just CRLF) and edge spaces, which some readers would trim.
    quoted_match: [/[\r\n]/, /^\s|\s$/],
  };
  const parts = [stringify([table.columns as string[]], { ...options, bom: true })];
  for (let i = 0; i < table.rows.length; i += BATCH) {
    const batch = table.rows.slice(i, i + BATCH);
    parts.push(
      stringify(
        batch.map((row) => row.map((cell, c) => cellText(cell, table.text[c]!))),
        options,
      ),
    );
    progress?.(batch.length);
  }
  return parts.join("");
}

/** The JSON file of a table: `[{ "number": 1, "title": "…" }, …]`. */
export function tableToJson(table: Table, progress?: Progress): string {
  const lines: string[] = [];
  for (let i = 0; i < table.rows.length; i += BATCH) {
    const batch = table.rows.slice(i, i + BATCH);
    for (const row of batch) lines.push("  " + JSON.stringify(Object.fromEntries(table.columns.map((name, c) => [name, row[c] ?? null]))));
    progress?.(batch.length);
  }
  return lines.length ? `[\n${lines.join(",\n")}\n]\n` : "[]\n";
}

export type ExportFormat = "csv" | "json";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "json"];

export interface ExportFile {
  /** "tasks.csv" */
  name: string;
  entity: Table["entity"];
  mediaType: string;
  rows: number;
  bytes: Uint8Array;
}

/** One file per table, in table order. */
export function exportFiles(tables: readonly Table[], format: ExportFormat, progress?: Progress): ExportFile[] {
  return tables.map((table) => ({
    name: `${table.entity}.${format}`,
    entity: table.entity,
    mediaType: format === "csv" ? CSV_MEDIA_TYPE : JSON_MEDIA_TYPE,
    rows: table.rows.length,
    bytes: new TextEncoder().encode(format === "csv" ? tableToCsv(table, progress) : tableToJson(table, progress)),
  }));
}
