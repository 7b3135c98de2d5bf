import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../../src/core/grammar/suggest.js";

const commands = [
  "help",
  "project",
  "task",
  "cost",
  "budget",
  "risk",
  "milestone",
  "kpi",
  "resource",
  "stakeholder",
  "standup",
  "report",
  "change",
];

describe("editDistance", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("cots", "cost")).toBe(1);
    expect(editDistance("tsak", "task")).toBe(1);
  });
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
  it("gives up past the limit", () => {
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
  it("is symmetric and zero only for equal strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe("suggest", () => {
  it("finds transpositions and single typos", () => {
    expect(suggest("cots", commands)).toBe("cost");
    expect(suggest("tsak", commands)).toBe("task");
    expect(suggest("rsik", commands)).toBe("risk");
    expect(suggest("budgte", commands)).toBe("budget");
    expect(suggest("stakholder", commands)).toBe("stakeholder");
    expect(suggest("reprot", commands)).toBe("report");
  });

  it("matches prefixes of at least 3 letters", () => {
    expect(suggest("mile", commands)).toBe("milestone");
    expect(suggest("stake", commands)).toBe("stakeholder");
    expect(suggest("stand", commands)).toBe("standup");
    expect(suggest("re", ["resource", "report"])).toBeUndefined();
  });

  it("prefers the shortest prefix match", () => {
    expect(suggest("res", ["resource", "rest", "result"])).toBe("rest");
  });

  it("is case-insensitive and returns the candidate as written", () => {
    expect(suggest("COTS", commands)).toBe("cost");
    expect(suggest("cots", ["Cost"])).toBe("Cost");
    expect(suggest("Task", commands)).toBe("task");
  });

  it("scales the allowed distance with length", () => {
    expect(suggest("tk", ["task"])).toBeUndefined(); // 2 edits on a short word
    expect(suggest("tas", ["tax"])).toBe("tax");
    expect(suggest("cst", ["cost"])).toBe("cost");
    expect(suggest("budgxx", ["budget"])).toBe("budget");
    expect(suggest("bxdgxx", ["budget"])).toBeUndefined();
  });

  it("returns undefined for nothing near", () => {
    expect(suggest("zebra", commands)).toBeUndefined();
    expect(suggest("", commands)).toBeUndefined();
    expect(suggest("cost", [])).toBeUndefined();
  });

  it("never throws and only returns a candidate", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 8 }), (w, cs) => {
        const s = suggest(w, cs);
        if (s !== undefined) expect(cs).toContain(s);
      }),
    );
  });
});
