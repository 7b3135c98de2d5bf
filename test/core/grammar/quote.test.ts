import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inProject, quoted } from "../../../src/core/grammar/quote.js";
import { tokenize } from "../../../src/core/grammar/tokenize.js";
import { HOSTILE_NAMES } from "../../support/hostile-names.js";

describe("quoted", () => {
  it("reads back as the one quoted word it was made from, for hostile names", () => {
    for (const name of HOSTILE_NAMES) {
      expect(tokenize(`cost add ${inProject(name)}`)).toEqual([
        { text: "cost", quoted: false },
        { text: "add", quoted: false },
        { text: "in", quoted: false },
        { text: name, quoted: true },
      ]);
    }
  });

  it("reads back as the same text for any text", () => {
    const quoteHeavy = fc.string({
      unit: fc.constantFrom('"', "\\", "'", "\u201C", "\u201D", "\u201E", "\u2018", "\u2019", " ", "a", "9", "\n"),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), quoteHeavy), (text) => {
        expect(tokenize(`task add ${quoted(text)} due fri`)).toEqual([
          { text: "task", quoted: false },
          { text: "add", quoted: false },
          { text, quoted: true },
          { text: "due", quoted: false },
          { text: "fri", quoted: false },
        ]);
      }),
    );
  });
});
