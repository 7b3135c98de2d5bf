import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize, tokensFromArgv, type Token } from "../../../src/core/grammar/tokenize.js";
import { mentionOf } from "../../support/references.js";

const words = (tokens: Token[]) => tokens.map((t) => t.text);
const plain = (text: string): Token => ({ text, quoted: false });
const quoted = (text: string): Token => ({ text, quoted: true });

describe("tokenize", () => {
  it("splits on any whitespace", () => {
    expect(tokenize("  task\tadd \n Fix  login ")).toEqual([plain("task"), plain("add"), plain("Fix"), plain("login")]);
    expect(tokenize("")).toEqual([]);
    expect(tokenize("   ")).toEqual([]);
  });

  it("groups double and single quoted words and removes the quotes", () => {
    expect(tokenize('task add "Plan the due date review" @bob')).toEqual([
      plain("task"),
      plain("add"),
      quoted("Plan the due date review"),
      plain("@bob"),
    ]);
    expect(tokenize("risk add 'Vendor may slip' p3")).toEqual([plain("risk"), plain("add"), quoted("Vendor may slip"), plain("p3")]);
  });

  it("accepts typographic quotes, in either closing shape", () => {
    expect(tokenize("project create \u201CNew CRM\u201D")).toEqual([plain("project"), plain("create"), quoted("New CRM")]);
    expect(tokenize("note \u2018a b\u2019 x")).toEqual([plain("note"), quoted("a b"), plain("x")]);
    expect(words(tokenize("\u201Da b\u201D c"))).toEqual(["a b", "c"]);
    expect(words(tokenize('\u201Ca b" c'))).toEqual(["a b", "c"]);
  });

  it("keeps apostrophes inside words", () => {
    expect(tokenize("task add don't forget bob's laptop")).toEqual(["task", "add", "don't", "forget", "bob's", "laptop"].map(plain));
    expect(words(tokenize("I\u2019m done"))).toEqual(["I\u2019m", "done"]);
    expect(tokenize("'don't stop' now")).toEqual([quoted("don't stop"), plain("now")]);
    expect(tokenize("\u2018don\u2019t stop\u2019 now")).toEqual([quoted("don\u2019t stop"), plain("now")]);
  });

  it("lets double quotes hold single quotes and vice versa", () => {
    expect(tokenize(`"it's fine" 'say "hi"'`)).toEqual([quoted("it's fine"), quoted('say "hi"')]);
  });

  it("unescapes backslash-escaped quotes inside quotes and keeps other backslashes", () => {
    expect(tokenize('"say \\"hi\\" now" x')).toEqual([quoted('say "hi" now'), plain("x")]);
    expect(tokenize("'it\\'s' x")).toEqual([quoted("it's"), plain("x")]);
    expect(tokenize('"C:\\temp\\\\x"')).toEqual([quoted("C:\\temp\\x")]);
    expect(tokenize("C:\\temp")).toEqual([plain("C:\\temp")]);
  });

  it("makes an empty quoted token for empty quotes", () => {
    expect(tokenize('note ""')).toEqual([plain("note"), quoted("")]);
  });

  it("lets an unterminated quote take the rest of the input", () => {
    expect(tokenize('task add "Fix login bug due fri  ')).toEqual([plain("task"), plain("add"), quoted("Fix login bug due fri")]);
    expect(tokenize('"')).toEqual([quoted("")]);
    expect(tokenize('x "a \\')).toEqual([plain("x"), quoted("a \\")]);
  });

  it("ends a quoted token at its closing quote", () => {
    expect(tokenize('"a b"c')).toEqual([quoted("a b"), plain("c")]);
  });

  it("treats a quote in the middle of a word as a literal character", () => {
    expect(tokenize('size 5"x3" ok')).toEqual([plain("size"), plain('5"x3"'), plain("ok")]);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(Array.isArray(tokenize(s))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', "'", "\\", " ", "a", "\u201C", "\u201D", "\u2018", "\u2019", "\n") }), (s) => {
        for (const t of tokenize(s)) expect(typeof t.text).toBe("string");
      }),
    );
  });

  it("round-trips simple unquoted words", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9@#%+.,:\-_/]+$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (ws) => {
        expect(tokenize(ws.join(" "))).toEqual(ws.map(plain));
      }),
    );
  });

  it("round-trips words that are quoted", () => {
    const phrase = fc.stringMatching(/^[A-Za-z0-9 ]*$/);
    fc.assert(
      fc.property(fc.array(phrase, { maxLength: 6 }), (ps) => {
        expect(tokenize(ps.map((p) => `"${p}"`).join(" "))).toEqual(ps.map(quoted));
      }),
    );
  });
});

describe("tokensFromArgv", () => {
  it("takes each argv element verbatim, quoted when it holds whitespace or is empty", () => {
    expect(tokensFromArgv(["task", "add", "Plan the due date review", "@bob", ""])).toEqual([
      plain("task"),
      plain("add"),
      quoted("Plan the due date review"),
      plain("@bob"),
      quoted(""),
    ]);
  });

  it("does not interpret quotes or backslashes", () => {
    expect(tokensFromArgv(['"x"', "don't", "a\\b", "tab\there"])).toEqual([
      plain('"x"'),
      plain("don't"),
      plain("a\\b"),
      quoted("tab\there"),
    ]);
  });
});

describe("tokenize: references", () => {
  it("keeps a member reference one word, spaces and quotes in the name included", () => {
    const bob = mentionOf("U0BOB01", 'Bob "the builder" Smith');
    expect(words(tokenize(`task assign #3 ${bob} now`))).toEqual(["task", "assign", "#3", bob, "now"]);
    expect(tokenize(`"Review with ${bob}" due`)).toEqual([
      { text: `Review with ${bob}`, quoted: true },
      { text: "due", quoted: false },
    ]);
  });

  it("reads an unclosed reference character as an ordinary character", () => {
    expect(words(tokenize("a \uE000@U1 b"))).toEqual(["a", "\uE000@U1", "b"]);
  });
});
