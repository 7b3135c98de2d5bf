import { describe, expect, it } from "vitest";
import { formValuesFromTeams, MORE_MARKER, toTeamsCards, toTeamsDialog } from "../../../../src/adapters/teams/render/index.js";
import type { Form } from "../../../../src/core/views/form.js";
import { actions, contextLine, fields, heading, progress, reply, table, text, type Reply } from "../../../../src/core/views/reply.js";
import { cardProblems } from "./card-check.js";
import { mentionOf } from "../../../support/references.js";

const json = (value: unknown) => JSON.stringify(value);

describe("toTeamsCards", () => {
  it("renders each block kind as Adaptive Card 1.5 elements", () => {
    const [card, ...more] = toTeamsCards(
      reply("Cost added", [
        heading("Cost added"),
        text("Logged *$250.00* for `software`: _Figma_"),
        fields([["Spent", "$250.00"]]),
        table(["Category", "Amount"], [["software", "$250.00"]]),
        progress("Budget used", 0.5, "warn"),
        actions([{ label: "Close risk", command: "risk close #1", style: "danger" }]),
        contextLine("Type `cost list` to see them all."),
      ]),
    );
    expect(more).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", fallbackText: "Cost added" });
    const [h, t, f, tbl, p, a, c] = card!.body;
    expect(h).toMatchObject({ type: "TextBlock", text: "Cost added", weight: "Bolder", size: "Medium" });
    expect(t).toMatchObject({ type: "TextBlock", text: "Logged **$250.00** for **software**: _Figma_" });
    expect(f).toEqual({ type: "FactSet", facts: [{ title: "Spent", value: "$250.00" }] });
    expect(tbl).toMatchObject({ type: "Container", items: [{ type: "ColumnSet" }, { type: "ColumnSet" }] });
    expect(json(tbl)).toContain('"horizontalAlignment":"Right"');
    expect(p).toMatchObject({ type: "TextBlock", color: "Warning" });
    expect((p as { text: string }).text).toMatch(/Budget used █████░░░░░ 50%/);
    expect(a).toEqual({
      type: "ActionSet",
      actions: [
        {
          type: "Action.Submit",
          title: "Close risk",
          style: "destructive",
          data: { charter: { action: "run", command: "risk close #1" } },
        },
      ],
    });
    expect(c).toMatchObject({ isSubtle: true, size: "Small" });
  });

  it("pages a long table over cards under 28 KB each, with the header on every page, and cuts past the limit", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`Task number ${i}`, "open", `${i}h`]);
    const long: Reply = reply("Tasks", [heading("Tasks"), table(["Task", "Status", "Estimate"], rows)]);
    const cards = toTeamsCards(long, { maxCards: 100 });
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(cardProblems(card)).toEqual([]);
      expect(json(card.body[card.body[0]?.type === "TextBlock" ? 1 : 0])).toContain('"text":"Task"');
    }
    expect(cards.map((c) => c.fallbackText)).toContain(`Tasks (2/${cards.length})`);
    expect(json(cards)).toContain("Task number 399");

    const cut = toTeamsCards(long, { maxCards: 2 });
    expect(cut).toHaveLength(2);
    expect(json(cut[1]!.body.at(-1))).toContain(MORE_MARKER);
  });

  it("adds a button that opens the form as a dialog when the command needs input", () => {
    const form: Form = {
      command: "risk add",
      title: "New risk",
      submitLabel: "Save",
      fields: [{ name: "title", label: "Title", kind: "text", required: true, initial: "Flood" }],
    };
    const [card] = toTeamsCards({ ...reply("`risk add` needs a title.", [text("`risk add` needs a title.")]), ok: false, form });
    expect(card!.body.at(-1)).toEqual({
      type: "ActionSet",
      actions: [
        {
          type: "Action.Submit",
          title: "New risk",
          style: "positive",
          data: { msteams: { type: "task/fetch" }, charter: { action: "form", command: "risk add", values: { title: "Flood" } } },
        },
      ],
    });
  });

  it("never sends an empty card", () => {
    const [card] = toTeamsCards(reply("Nothing to show", []));
    expect(card!.body).toEqual([{ type: "TextBlock", text: "Nothing to show", wrap: true }]);
  });
});

describe("toTeamsDialog and formValuesFromTeams", () => {
  const form: Form = {
    command: "risk add",
    project: "Apollo",
    title: "New risk",
    submitLabel: "Save",
    fields: [
      { name: "title", label: "Title", kind: "text", required: true, initial: "Flood" },
      {
        name: "probability",
        label: "Probability",
        kind: "select",
        required: true,
        options: ["1", "2", "3"].map((v) => ({ value: v, label: v })),
        initial: "2",
      },
      { name: "owner", label: "Owner", kind: "user", required: false, initial: mentionOf("6b1c2d3e-0000-4000-8000-00000000a11c", "Alice") },
      { name: "watchers", label: "Watchers", kind: "users", required: false },
      { name: "budget", label: "Budget", kind: "money", required: false },
      { name: "days", label: "Days", kind: "number", required: false, initial: "3" },
      { name: "review", label: "Review", kind: "date", required: false, initial: "2026-03-30" },
      { name: "mitigation", label: "Mitigation", kind: "longtext", required: false, hint: "What you will do about it" },
    ],
    errors: { review: "That is not a date.", _: "Something else." },
  };

  it("renders each field as its input, with errors under their fields and at the top", () => {
    const { title, card } = toTeamsDialog(form);
    expect(title).toBe("New risk");
    expect(cardProblems(card)).toEqual([]);
    const byId = Object.fromEntries(card.body.filter((e) => "id" in e).map((e) => [(e as { id: string }).id, e]));
    expect(byId.title).toMatchObject({ type: "Input.Text", label: "Title", isRequired: true, value: "Flood" });
    expect(byId.probability).toMatchObject({
      type: "Input.ChoiceSet",
      value: "1",
      choices: [
        { title: "1", value: "0" },
        { title: "2", value: "1" },
        { title: "3", value: "2" },
      ],
    });
    expect(byId.owner).toMatchObject({
      type: "Input.ChoiceSet",
      value: "6b1c2d3e-0000-4000-8000-00000000a11c",
      "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
    });
    expect(byId.watchers).toMatchObject({ isMultiSelect: true });
    expect(byId.budget).toMatchObject({ type: "Input.Text", placeholder: "2500 or 1.2k EUR" });
    expect(byId.days).toMatchObject({ type: "Input.Number", value: 3 });
    expect(byId.review).toMatchObject({ type: "Input.Date", value: "2026-03-30" });
    expect(byId.mitigation).toMatchObject({ type: "Input.Text", isMultiline: true });
    const reviewAt = card.body.indexOf(byId.review!);
    expect(card.body[reviewAt + 1]).toMatchObject({ type: "TextBlock", text: "That is not a date.", color: "Attention" });
    expect(card.body[0]).toMatchObject({ type: "TextBlock", color: "Attention" });
    expect(json(card.body[0])).toContain("Something else.");
    expect(card.actions).toEqual([
      {
        type: "Action.Submit",
        title: "Save",
        style: "positive",
        data: { charter: { action: "submit", command: "risk add", project: "Apollo" } },
      },
    ]);
  });

  it("reads a submission back as the words a user would type, people apart", () => {
    const { values, people } = formValuesFromTeams(
      {
        charter: { action: "submit", command: "risk add" },
        title: "Flood",
        probability: "2",
        owner: "aad-1",
        watchers: "aad-2,aad-3",
        days: 4,
        review: "2026-04-01",
        mitigation: "  ",
      },
      form,
    );
    expect(values).toEqual({ title: "Flood", probability: "3", days: "4", review: "2026-04-01" });
    expect(people).toEqual({ owner: ["aad-1"], watchers: ["aad-2", "aad-3"] });
  });
});
