import { describe, expect, it } from "vitest";
import { bindWords, rawFromForm, usageOf, type Param } from "../../../src/core/commands/params.js";
import { tokenize, tokensFromArgv } from "../../../src/core/grammar/tokenize.js";

const costAdd: Param[] = [
  { at: "slot", name: "amount", label: "amount", type: "money", required: true },
  { at: "slot", name: "category", label: "category", type: "text", required: true },
  { at: "rest", name: "note", label: "note" },
  { at: "keyword", name: "on", keywords: ["on"], type: "date", label: "date" },
];

const taskAdd: Param[] = [
  { at: "rest", name: "title", label: "title", required: true },
  { at: "typed", name: "assignee", label: "@user", type: "mention" },
  { at: "keyword", name: "due", keywords: ["due"], type: "date", label: "date" },
  { at: "keyword", name: "under", keywords: ["under"], type: "ref", label: "#id" },
];

describe("bindWords", () => {
  it("fills slots in order, takes an optional currency with the amount, and keeps the rest as the note", () => {
    const bound = bindWords(costAdd, tokenize('2,500 usd labour "Sprint 1 contractors" on 2026-03-02'));
    expect(bound).toEqual({
      ok: true,
      raw: { amount: "2,500 usd", category: "labour", note: "Sprint 1 contractors", on: "2026-03-02" },
    });
  });

  it("hands a required slot whatever word stands there, so validation can name it", () => {
    const bound = bindWords(costAdd, tokenize("abc USD labour"));
    expect(bound.ok && bound.raw.amount).toBe("abc USD");
  });

  it("takes argv words verbatim: quotes inside a word stay part of the note", () => {
    const bound = bindWords(costAdd, tokensFromArgv(["5", "USD", "travel", 'Dinner, "team"']));
    expect(bound.ok && bound.raw.note).toBe('Dinner, "team"');
  });

  it("builds a title from free words around mentions and keywords", () => {
    const bound = bindWords(taskAdd, tokenize("Fix login bug @bob due fri under #3"));
    expect(bound).toEqual({ ok: true, raw: { title: "Fix login bug", assignee: "@bob", due: "fri", under: "#3" } });
  });

  it("keeps keywords literal inside quotes", () => {
    const bound = bindWords(taskAdd, tokenize('"Plan the due date review" due tomorrow'));
    expect(bound).toEqual({ ok: true, raw: { title: "Plan the due date review", due: "tomorrow" } });
  });

  it("rejects a keyword without its value with a message naming it", () => {
    const bound = bindWords(taskAdd, tokenize("Write spec due"));
    expect(bound.ok).toBe(false);
    expect(!bound.ok && bound.message).toMatch(/`due` needs a date/);
  });

  it("rejects words a command without free text cannot place", () => {
    const bound = bindWords([{ at: "typed", name: "id", label: "#id", type: "ref", required: true }], tokenize("#3 extra"));
    expect(bound.ok).toBe(false);
    expect(!bound.ok && bound.message).toContain("extra");
  });

  it("collects repeated keywords of one param as pairs", () => {
    const budget: Param[] = [
      { at: "keyword", name: "lines", keywords: ["labour", "software"], type: "money", label: "amount", multiple: true },
    ];
    expect(bindWords(budget, tokenize("labour 6000 software 1.5k EUR"))).toEqual({
      ok: true,
      raw: {
        lines: [
          ["labour", "6000"],
          ["software", "1.5k EUR"],
        ],
      },
    });
  });
});

describe("usageOf", () => {
  it("writes required params bare and optional ones in brackets", () => {
    expect(usageOf(["cost", "add"], costAdd)).toBe('cost add <amount> [<CUR>] <category> ["<note>"] [on <date>]');
  });
});

describe("rawFromForm", () => {
  it("keeps the submitted text of each known field and drops empty ones", () => {
    expect(rawFromForm(costAdd, { amount: " 1.2k ", category: "software", note: "", extra: "x" })).toEqual({
      amount: "1.2k",
      category: "software",
    });
  });
});
