/**
 * The text kit Slack and Teams share: what one adapter relies on holds for the
 * other, so these run once, on the one copy.
 */
import { describe, expect, it } from "vitest";
import { boundaryAtOrBefore, jsonBytes, oneLine, sanitize, splitText, truncate, unitsWithin } from "../../../src/adapters/common/text.js";

describe("sanitize and oneLine", () => {
  it("turns CRLF into LF, drops control characters and replaces lone surrogates", () => {
    expect(sanitize("a\r\nb\rc\u0007d\uD800e")).toBe("a\nb\ncd\uFFFDe");
    expect(sanitize("tab\tkept")).toBe("tab\tkept");
  });

  it("folds line breaks and tabs into single spaces for one-line places", () => {
    expect(oneLine("Budget\r\n  burn\tchart")).toBe("Budget burn chart");
  });
});

describe("truncate and boundaryAtOrBefore", () => {
  it("never cuts a grapheme or a surrogate pair in half", () => {
    const text = "ok 😀😀é";
    for (let max = 1; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      // What is kept ends on a grapheme boundary: after "o", "k", " ", the first or the second emoji.
      expect([0, 1, 2, 3, 5, 7]).toContain(cut.length - 1);
      expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    }
    expect(truncate(text, 6)).toBe("ok 😀…");
  });

  it("keeps a skin tone with its emoji when the cut falls right after the emoji", () => {
    const thumbs = "👍🏽";
    expect(boundaryAtOrBefore(`ok ${thumbs}${thumbs}`, 5)).toBe(3);
    expect(truncate(`ok ${thumbs}${thumbs}`, 6)).toBe("ok …");
    expect(truncate(`ok ${thumbs}${thumbs}`, 8)).toBe(`ok ${thumbs}…`);
    expect(boundaryAtOrBefore("e\u0301e\u0301", 3)).toBe(2);
  });

  it("leaves text that fits as it is", () => {
    expect(truncate("short", 5)).toBe("short");
  });
});

describe("splitText", () => {
  it("cuts at a line break in the second half, else at a space or a tab, and drops blank pieces", () => {
    expect(splitText("aaaa bbbb\ncc", 10)).toEqual(["aaaa bbbb", "cc"]);
    expect(splitText("aaaaaa bbbbbb", 10)).toEqual(["aaaaaa", "bbbbbb"]);
    expect(splitText("aaaaaa\tbbbbbb", 10)).toEqual(["aaaaaa", "bbbbbb"]);
    expect(splitText("aaaaaaaaaaaa", 5)).toEqual(["aaaaa", "aaaaa", "aa"]);
    expect(splitText("aaaaa\n     ", 5)).toEqual(["aaaaa"]);
  });

  it("does not cut inside a protected span", () => {
    const text = "0123456789abc<http://x.io/q>z";
    const protect = (t: string) => {
      const start = t.indexOf("<");
      return start < 0 ? [] : [{ start, end: t.indexOf(">") + 1 }];
    };
    expect(splitText(text, 20)).toEqual(["0123456789abc<http:/", "/x.io/q>z"]);
    expect(splitText(text, 20, protect)).toEqual(["0123456789abc", "<http://x.io/q>z"]);
  });
});

describe("jsonBytes and unitsWithin", () => {
  it("counts the UTF-8 bytes of the JSON sent", () => {
    expect(jsonBytes("é")).toBe(4);
    expect(jsonBytes({ a: "👍" })).toBe(12);
  });

  it("gives a unit count whose JSON always fits the byte budget", () => {
    const units = unitsWithin(300);
    expect(jsonBytes("€".repeat(units)) - 2).toBeLessThanOrEqual(300);
    expect(jsonBytes("\n".repeat(units)) - 2).toBeLessThanOrEqual(300);
  });
});
