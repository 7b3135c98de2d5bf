import { describe, expect, it } from "vitest";
import { formValuesFromSlack, toSlackErrors, toSlackModal } from "../../../../src/adapters/slack/render/modal.js";
import type { Form, FormField } from "../../../../src/core/views/form.js";
import { modalProblems } from "./slack-limits.js";
import { inboundWords } from "../../../../src/core/grammar/inbound.js";
import { mentionOf } from "../../../support/references.js";

const form = (fields: FormField[], extra: Partial<Form> = {}): Form => ({
  command: "cost add",
  title: "Log a cost",
  submitLabel: "Save",
  fields,
  ...extra,
});
const field = (name: string, kind: FormField["kind"], extra: Partial<FormField> = {}): FormField => ({
  name,
  label: name[0]!.toUpperCase() + name.slice(1),
  kind,
  required: true,
  ...extra,
});
const inputOf = (f: FormField) => {
  const view = toSlackModal(form([f]), "{}");
  expect(modalProblems(view)).toEqual([]);
  return view.blocks[0];
};

describe("toSlackModal", () => {
  it("renders the frame: callback id, metadata, title, submit and close", () => {
    const view = toSlackModal(form([field("amount", "money")]), '{"command":"cost add"}');
    expect(view).toEqual({
      type: "modal",
      callback_id: "charter_form",
      private_metadata: '{"command":"cost add"}',
      title: { type: "plain_text", text: "Log a cost", emoji: true },
      submit: { type: "plain_text", text: "Save", emoji: true },
      close: { type: "plain_text", text: "Cancel", emoji: true },
      blocks: [
        {
          type: "input",
          block_id: "amount",
          label: { type: "plain_text", text: "Amount", emoji: true },
          element: {
            type: "plain_text_input",
            action_id: "amount",
            placeholder: { type: "plain_text", text: "2500 or 1.2k EUR", emoji: true },
          },
          optional: false,
        },
      ],
    });
  });

  it("cuts title and submit label to 24 characters", () => {
    const view = toSlackModal(
      form([], { title: "Record a change request for the project", submitLabel: "Submit the change request now" }),
      "",
    );
    expect(view.title.text).toBe("Record a change request…");
    expect(view.submit?.text).toBe("Submit the change reque…");
    expect([view.title.text.length, view.submit?.text.length]).toEqual([24, 24]);
    expect(modalProblems(view)).toEqual([]);
  });

  it("refuses private_metadata over 3,000 characters", () => {
    expect(() => toSlackModal(form([]), "x".repeat(3001))).toThrow(RangeError);
  });

  it("text -> single-line input with its initial value and hint; optional when not required", () => {
    expect(inputOf(field("title", "text", { required: false, hint: "What needs doing", initial: "Fix login" }))).toEqual({
      type: "input",
      block_id: "title",
      label: { type: "plain_text", text: "Title", emoji: true },
      element: { type: "plain_text_input", action_id: "title", initial_value: "Fix login" },
      optional: true,
      hint: { type: "plain_text", text: "What needs doing", emoji: true },
    });
  });

  it("longtext -> multiline input", () => {
    expect(inputOf(field("note", "longtext"))).toMatchObject({ element: { type: "plain_text_input", multiline: true } });
  });

  it("number -> number input with decimals; a non-numeric initial value is left out", () => {
    expect(inputOf(field("percent", "number", { initial: "50" }))).toMatchObject({
      element: { type: "number_input", action_id: "percent", is_decimal_allowed: true, initial_value: "50" },
    });
    const block = inputOf(field("percent", "number", { initial: "half" }));
    expect(block).toMatchObject({ element: { type: "number_input" } });
    expect(block && "element" in block && "initial_value" in block.element).toBe(false);
  });

  it("select -> static select with options and the matching initial option", () => {
    const options = [
      { value: "labour", label: "Labour" },
      { value: "software", label: "Software" },
    ];
    expect(inputOf(field("category", "select", { options, initial: "software" }))).toMatchObject({
      element: {
        type: "static_select",
        action_id: "category",
        options: [
          { text: { type: "plain_text", text: "Labour" }, value: "labour" },
          { text: { type: "plain_text", text: "Software" }, value: "software" },
        ],
        initial_option: { text: { type: "plain_text", text: "Software" }, value: "software" },
      },
    });
  });

  it("a select without options becomes a text input", () => {
    expect(inputOf(field("category", "select", { options: [] }))).toMatchObject({ element: { type: "plain_text_input" } });
  });

  it("keeps 100 options (and the prefilled one), says how many exist, and sends long option values as indexes", () => {
    const options = Array.from({ length: 250 }, (_, i) => ({
      value: `${"v".repeat(200)}${i}`,
      label: `Option ${i} ${"long ".repeat(30)}`,
    }));
    const block = inputOf(field("task", "select", { options, initial: options[180]!.value }));
    if (block?.type !== "input" || block.element.type !== "static_select") throw new Error("expected a static select");
    const shown = block.element.options ?? [];
    expect(shown).toHaveLength(100);
    expect(shown.every((o) => o.text.text.length <= 75 && o.value!.length <= 150)).toBe(true);
    expect(shown.at(-1)?.value).toBe("180");
    expect(block.element.initial_option?.value).toBe("180");
    expect(block.hint?.text).toBe("Showing 100 of 250 choices; type the command to pick another.");
  });

  it("user -> users select, preselected from a member reference, never from typed Slack syntax", () => {
    expect(inputOf(field("assignee", "user", { initial: mentionOf("U123ABC", "bob") }))).toMatchObject({
      element: { type: "users_select", action_id: "assignee", initial_user: "U123ABC" },
    });
    for (const initial of ["@bob", "<@U123ABC|bob>"]) {
      const typed = inputOf(field("assignee", "user", { initial }));
      expect(typed && "element" in typed && "initial_user" in typed.element).toBe(false);
    }
  });

  it("users -> multi users select", () => {
    expect(inputOf(field("participants", "users", { initial: `${mentionOf("U1AAAAAA")} ${mentionOf("U2BBBBBB")}` }))).toMatchObject({
      element: { type: "multi_users_select", action_id: "participants", initial_users: ["U1AAAAAA", "U2BBBBBB"] },
    });
  });

  it("date -> datepicker, prefilled only from an ISO date", () => {
    expect(inputOf(field("due", "date", { initial: "2026-03-30" }))).toMatchObject({
      element: { type: "datepicker", action_id: "due", initial_date: "2026-03-30" },
    });
    for (const initial of ["fri", "2026-02-30", "+3d"]) {
      const block = inputOf(field("due", "date", { initial }));
      expect(block && "element" in block && "initial_date" in block.element).toBe(false);
    }
  });

  it("an initial text longer than Slack's input allows is left out, not cut", () => {
    const block = inputOf(field("note", "longtext", { initial: "x".repeat(3001) }));
    expect(block && "element" in block && "initial_value" in block.element).toBe(false);
  });

  it("lists the errors of a rejected submission at the top", () => {
    const view = toSlackModal(
      form([field("amount", "money"), field("category", "text")], { errors: { amount: "2,5x is not an amount", _: "No project <here>" } }),
      "",
    );
    expect(view.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: ":warning: Please fix these:\n• *Amount:* 2,5x is not an amount\n• No project &lt;here&gt;" }],
    });
    expect(view.blocks.slice(1).map((b) => b.type)).toEqual(["input", "input"]);
  });

  it("a form without fields still shows what pressing the button does", () => {
    const view = toSlackModal(form([], { command: "project close" }), "");
    expect(view.blocks).toEqual([
      { type: "context", elements: [{ type: "mrkdwn", text: "Nothing to fill in: press *Save* to run `project close`." }] },
    ]);
  });

  it("holds at most 98 inputs, keeping required fields first, and says how many were left out", () => {
    const fields = Array.from({ length: 120 }, (_, i) => field(`f${i}`, "text", { required: i % 3 === 0 }));
    const view = toSlackModal(form(fields), "");
    expect(modalProblems(view)).toEqual([]);
    const ids = view.blocks.flatMap((b) => (b.type === "input" ? [b.block_id] : []));
    expect(ids).toHaveLength(98);
    expect(fields.filter((f) => f.required).every((f) => ids.includes(f.name))).toBe(true);
    expect(ids).toEqual(fields.filter((f) => ids.includes(f.name)).map((f) => f.name)); // in form order
    expect(view.blocks.at(-1)).toEqual({
      type: "context",
      elements: [
        { type: "mrkdwn", text: "_22 more fields do not fit in a Slack form. To give them, type the command instead:_ `cost add …`" },
      ],
    });
  });

  it("gives fields whose names Slack cannot take as ids a stand-in", () => {
    const view = toSlackModal(form([field("a", "text"), field("a", "text"), field("x".repeat(300), "text"), field("field_2", "text")]), "");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["a", "field_2_", "field_3", "field_2"]);
    expect(modalProblems(view)).toEqual([]);
  });
});

describe("toSlackErrors", () => {
  const f = form([field("amount", "money"), field("category", "text"), field("note", "longtext", { required: false })]);

  it("keys errors by block_id", () => {
    expect(toSlackErrors({ amount: "2,5x is not an amount", category: "Pick a category" }, f)).toEqual({
      amount: "2,5x is not an amount",
      category: "Pick a category",
    });
  });

  it("puts errors without a field on the first input, joined with that field's own", () => {
    expect(toSlackErrors({ amount: "Too big", _: "No project is linked to this channel." }, f)).toEqual({
      amount: "Too big · No project is linked to this channel.",
    });
    expect(toSlackErrors({ unknown: "Odd" }, f)).toEqual({ amount: "Odd" });
  });

  it("keeps messages short, on one line, never cutting a character", () => {
    const errors = toSlackErrors({ note: `${"😀".repeat(100)}\nsecond line` }, f);
    expect(errors.note!.length).toBeLessThanOrEqual(150);
    expect(errors.note!.endsWith("😀…")).toBe(true);
  });

  it("labels the errors of fields the modal had no room for", () => {
    const many = form(Array.from({ length: 120 }, (_, i) => field(`f${i}`, "text", { required: false, label: `Field ${i}` })));
    expect(toSlackErrors({ f110: "Too long" }, many)).toEqual({ f0: "Field 110: Too long" });
  });

  it("has nowhere to put errors when the form has no inputs", () => {
    expect(toSlackErrors({ _: "Nope" }, form([]))).toEqual({});
  });
});

describe("formValuesFromSlack", () => {
  const f = form([
    field("title", "text"),
    field("amount", "number"),
    field("category", "select", { options: [{ value: "travel", label: "Travel" }] }),
    field("owner", "user"),
    field("participants", "users"),
    field("due", "date"),
    field("note", "longtext", { required: false }),
  ]);

  it("turns each kind of input into the words the command parses", () => {
    const values = formValuesFromSlack(
      {
        title: { title: { type: "plain_text_input", value: "Fix login" } },
        amount: { amount: { type: "number_input", value: "12.5" } },
        category: { category: { type: "static_select", selected_option: { value: "travel" } } },
        owner: { owner: { type: "users_select", selected_user: "U123" } },
        participants: { participants: { type: "multi_users_select", selected_users: ["U1", "U2"] } },
        due: { due: { type: "datepicker", selected_date: "2026-03-30" } },
        note: { note: { type: "plain_text_input", value: null } },
      },
      f,
    );
    const words = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, inboundWords(v)]));
    // Picked people are structure, turned into references here, never text a person could type.
    expect(words).toEqual({
      title: "Fix login",
      amount: "12.5",
      category: "travel",
      owner: mentionOf("U123"),
      participants: `${mentionOf("U1")} ${mentionOf("U2")}`,
      due: "2026-03-30",
    });
    expect(typeof values.title).toBe("string");
  });

  it("leaves out empty inputs", () => {
    expect(
      formValuesFromSlack({
        a: { a: { type: "plain_text_input", value: "  " } },
        b: { b: { type: "users_select", selected_user: null } },
        c: { c: { type: "multi_users_select", selected_users: [] } },
        d: { d: { type: "datepicker", selected_date: null } },
        e: { e: { type: "static_select", selected_option: null } },
      }),
    ).toEqual({});
  });

  it("maps stand-in ids and indexed options back to the form's names and values", () => {
    const options = [
      { value: "same", label: "First" },
      { value: "same", label: "Second" },
    ];
    const g = form([field("x".repeat(300), "select", { options })]);
    const view = toSlackModal(g, "");
    const block = view.blocks[0];
    if (block?.type !== "input" || block.element.type !== "static_select") throw new Error("expected a select");
    const second = block.element.options![1]!;
    expect(
      formValuesFromSlack(
        { [block.block_id!]: { [block.block_id!]: { type: "static_select", selected_option: { value: second.value! } } } },
        g,
      ),
    ).toEqual({
      ["x".repeat(300)]: "same",
    });
  });
});
