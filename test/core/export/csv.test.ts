import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { guardFormula, tableToCsv, tableToJson, unguardFormula } from "../../../src/core/export/csv.js";
import { readCsv } from "../../../src/core/export/csv-records.js";
import type { Table } from "../../../src/core/export/tables.js";

const BOM = "\uFEFF";

const nasty = [
  "plain",
  "a, with comma",
  'say "hi"',
  "two\nlines",
  "crlf\r\nline",
  "lone\rcr",
  "=SUM(A1:A9)",
  "+1 monitor",
  "-5% discount",
  "@admin",
  "\tindented",
  "'quoted already",
  "'=already guarded",
  "Café — 東京 🚀",
  " edge spaces ",
  "",
];

function noteTable(notes: (string | null)[]): Table {
  return {
    entity: "costs",
    columns: ["n", "description", "amount"],
    text: [false, true, false],
    rows: notes.map((note, i) => [i + 1, note, "-1.50"]),
  };
}

describe("formula guard", () => {
  it("puts one apostrophe before what a spreadsheet would run, and takes exactly that one away", () => {
    expect(guardFormula("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(guardFormula("+1")).toBe("'+1");
    expect(guardFormula("-x")).toBe("'-x");
    expect(guardFormula("@x")).toBe("'@x");
    expect(guardFormula("\tx")).toBe("'\tx");
    expect(guardFormula("'=x")).toBe("''=x");
    expect(guardFormula("'90s kit")).toBe("'90s kit");
    expect(guardFormula("a=b")).toBe("a=b");
    expect(unguardFormula("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(unguardFormula("''=x")).toBe("'=x");
    expect(unguardFormula("'90s kit")).toBe("'90s kit");
  });

  it("is undone exactly by unguardFormula for any text", () => {
    const text = fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "\r", "\n", "a", " ", "é", '"', ",") });
    fc.assert(fc.property(text, (s) => unguardFormula(guardFormula(s)) === s));
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => unguardFormula(guardFormula(s)) === s));
  });
});

describe("tableToCsv", () => {
  it("writes a BOM, the header, CRLF record ends and RFC 4180 quoting", () => {
    const csv = tableToCsv(noteTable(["a, with comma", 'say "hi"', "two\nlines", "=SUM(A1)", null, " edge "]));
    expect(csv).toBe(
      BOM +
        "n,description,amount\r\n" +
        '1,"a, with comma",-1.50\r\n' +
        '2,"say ""hi""",-1.50\r\n' +
        '3,"two\nlines",-1.50\r\n' +
        "4,'=SUM(A1),-1.50\r\n" +
        "5,,-1.50\r\n" +
        '6," edge ",-1.50\r\n',
    );
  });

  it("guards only text columns: amounts and numbers keep their sign", () => {
    expect(tableToCsv(noteTable(["-x"]))).toContain("1,'-x,-1.50\r\n");
  });

  it("reads back exactly with a standard CSV parser (after the guard is undone)", () => {
    const csv = tableToCsv(noteTable(nasty));
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual(["n", "description", "amount"]);
    expect(rows.slice(1).map((r) => unguardFormula(r[1]!))).toEqual(nasty);
    expect(rows.slice(1).every((r) => r.length === 3)).toBe(true);
  });

  it("round-trips any text through our own reader", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "=", "'", "€", "🚀") }), { maxLength: 8 }),
        (notes) => {
          const read = readCsv(tableToCsv(noteTable(notes)));
          expect(read.ok).toBe(true);
          expect(read.records.slice(1).map((r) => unguardFormula(r.fields[1]!))).toEqual(notes);
        },
      ),
    );
  });

  it("reports progress batch by batch", () => {
    const seen: number[] = [];
    tableToCsv(noteTable(Array.from({ length: 1_234 }, () => "x")), (n) => seen.push(n));
    expect(seen).toEqual([500, 500, 234]);
  });
});

describe("tableToJson", () => {
  it("writes objects with the columns in order and exact values (no guard)", () => {
    const json = tableToJson(noteTable(["=SUM(A1)", null]));
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    expect(parsed).toEqual([
      { n: 1, description: "=SUM(A1)", amount: "-1.50" },
      { n: 2, description: null, amount: "-1.50" },
    ]);
    expect(Object.keys(parsed[0]!)).toEqual(["n", "description", "amount"]);
    expect(tableToJson(noteTable([]))).toBe("[]\n");
  });
});

describe("readCsv", () => {
  it("numbers each record by the line it starts on, across quoted line breaks and blank lines", () => {
    const input = BOM + 'a,b\r\n1,"x\r\ny\ny"\r\n\r\n\n2,z\n3,"q"""\r,\r\n"é",4';
    const read = readCsv(input);
    expect(read.ok).toBe(true);
    expect(read.records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "x\r\ny\ny"] },
      { line: 7, fields: ["2", "z"] },
      { line: 8, fields: ["3", 'q"'] },
      { line: 9, fields: ["", ""] },
      { line: 10, fields: ["é", "4"] },
    ]);
  });

  it("reads bytes and strings alike, with or without a BOM", () => {
    expect(readCsv(new TextEncoder().encode(BOM + "a\n1\n")).records).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["1"] },
    ]);
    expect(readCsv("\n\na\n1").records).toEqual([
      { line: 3, fields: ["a"] },
      { line: 4, fields: ["1"] },
    ]);
    expect(readCsv("").records).toEqual([]);
    expect(readCsv(BOM).records).toEqual([]);
  });

  it("names the line where a broken record starts", () => {
    const unclosed = readCsv('a,b\n1,2\n3,"never\nclosed\n');
    expect(unclosed).toMatchObject({ ok: false, line: 3, message: expect.stringContaining("never closed") });
    const stray = readCsv('a,b\n1,"two\nlines"\n5" cable,3\n');
    expect(stray).toMatchObject({ ok: false, line: 4, message: expect.stringContaining("quote") });
  });

  it("refuses a file that is not UTF-8", () => {
    const latin1 = Uint8Array.from([0x61, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a]); // "a\nCafé\n" in Latin-1
    expect(readCsv(latin1)).toMatchObject({ ok: false, line: 0, message: expect.stringContaining("UTF-8") });
  });
});
