/**
 * Reads a CSV file into records that know the line they start on, so an
 * import can say "line 7" and mean the line a text editor shows, also when
 * earlier fields (or this one) span several lines inside quotes.
 *
 * Accepted: UTF-8 with or without a byte-order mark, records ended by CRLF,
 * LF or CR (even mixed), blank lines anywhere (skipped), RFC 4180 quoting.
 * Rows may have any number of fields here; the caller checks them.
 */
import { CsvError, parse } from "csv-parse/sync";

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvRead =
  | { ok: true; records: CsvRecord[] }
  /** The file is not CSV from `line` on (or not UTF-8 at all, line 0); records before it parsed fine. */
  | { ok: false; line: number; message: string; records: CsvRecord[] };

const CR = 0x0d;
const LF = 0x0a;

function toBuffer(input: Uint8Array | string): Buffer {
  return typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

function problem(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a field opened with a quote (") is never closed';
    case "INVALID_OPENING_QUOTE":
      return 'a quote (") in the middle of a field that does not start with one: quote the whole field and double the quotes inside, like "5"" cable"';
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'text follows the quote (") that closes a field: double the quotes inside a quoted field, like "5"" cable"';
    default:
      return error.message;
  }
}

/** Returned by an `eachCsvRecord` callback to stop reading (the rest of the file is not parsed). */
export const STOP = Symbol("stop reading");

export type CsvWalk = { ok: true } | { ok: false; line: number; message: string };

/**
 * Hands each record to `onRecord` as it is parsed, holding none of them: an
 * import checks a large file row by row without the whole file's records in
 * memory. Returning STOP ends the reading early (ok: true).
 */
export function eachCsvRecord(input: Uint8Array | string, onRecord: (record: CsvRecord) => void | typeof STOP): CsvWalk {
  const buf = toBuffer(input);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return { ok: false, line: 0, message: "the file is not UTF-8 text: save it as “CSV UTF-8”" };
  }

  // Line numbers: a cursor moves forward through the bytes counting line breaks (CRLF counts once).
  let offset = 0;
  let line = 1;
  const lineAt = (target: number): number => {
    for (; offset < target; offset++) {
      const byte = buf[offset];
      if (byte === LF || (byte === CR && buf[offset + 1] !== LF)) line++;
    }
    return line;
  };
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  /** Where the next record starts: after the previous one, the byte-order mark and blank lines. */
  const startAfter = (end: number): number => {
    let at = Math.max(end, bom);
    while (at < buf.length && (buf[at] === CR || buf[at] === LF)) at++;
    return at;
  };

  let end = 0;
  const stopped = new Error("stopped");
  try {
    parse(buf, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (fields: string[], info) => {
        const verdict = onRecord({ line: lineAt(startAfter(end)), fields });
        end = info.bytes;
        if (verdict === STOP) throw stopped;
        return null;
      },
    });
  } catch (error) {
    if (error === stopped) return { ok: true };
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, line: lineAt(startAfter(end)), message: problem(error) };
  }
  return { ok: true };
}

/** Every record of the file at once (for small files; imports walk them with eachCsvRecord). */
export function readCsv(input: Uint8Array | string): CsvRead {
  const records: CsvRecord[] = [];
  const walk = eachCsvRecord(input, (record) => void records.push(record));
  return walk.ok ? { ok: true, records } : { ...walk, records };
}
