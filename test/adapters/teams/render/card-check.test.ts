/** The card check itself: it must reject what Teams would not take, or the property tests prove nothing. */
import { describe, expect, it } from "vitest";
import { cardProblems } from "./card-check.js";

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: "1.5",
  body,
  ...extra,
});
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: "TextBlock", text: t, wrap: true, ...extra });
const picker = (extra: Record<string, unknown> = {}) => ({
  type: "Input.ChoiceSet",
  id: "owner",
  label: "Owner",
  choices: [],
  "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
  ...extra,
});

describe("cardProblems", () => {
  it("accepts a valid 1.5 card with Teams' people picker", () => {
    expect(
      cardProblems(card([text("Hello", { weight: "Bolder" }), { type: "FactSet", facts: [{ title: "A", value: "1" }] }, picker()])),
    ).toEqual([]);
  });

  it("rejects a card over 28 KB", () => {
    expect(cardProblems(card([text("x".repeat(28_100))])).join()).toMatch(/over the 28000-byte budget/);
  });

  it("rejects another version, unknown elements, unknown properties and invalid values", () => {
    expect(cardProblems(card([text("a")], { version: "1.6" })).join()).toMatch(/not an Adaptive Card 1.5/);
    expect(cardProblems(card([{ type: "Input.Slider", id: "s" }])).join()).toMatch(/Unknown element type/);
    expect(cardProblems(card([text("a", { colour: "Good" })])).join()).toMatch(/round trip at card.body.0.colour/);
    expect(cardProblems(card([text("a", { size: "Huge" })])).join()).toMatch(/Invalid value "Huge"/);
    expect(cardProblems(card([text("a")], { msteams: { width: "Full" } })).join()).toMatch(/round trip at card.msteams/);
    expect(cardProblems(card([{ type: "FactSet", facts: [{ title: "", value: "1" }] }])).join()).toMatch(/round trip/);
  });

  it("rejects inputs the library's rules refuse: no id, duplicate ids, a choice set without choices", () => {
    expect(cardProblems(card([{ type: "Input.Text", label: "x" }])).length).toBeGreaterThan(0);
    expect(
      cardProblems(
        card([
          { type: "Input.Text", id: "a" },
          { type: "Input.Text", id: "a" },
        ]),
      ).join(),
    ).toMatch(/[Dd]uplicate/);
    expect(cardProblems(card([{ type: "Input.ChoiceSet", id: "c", choices: [] }])).join()).toMatch(/at least one choice/);
  });

  it("takes only the documented people picker as a Data.Query", () => {
    expect(cardProblems(card([picker({ "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/groups" } })])).join()).toMatch(
      /unexpected choices.data/,
    );
    expect(cardProblems(card([picker({ choices: [{ title: "a", value: "a" }] })])).join()).toMatch(/static choices/);
    expect(cardProblems(card([picker({ isMultiSelect: "yes" })])).length).toBeGreaterThan(0);
  });
});
