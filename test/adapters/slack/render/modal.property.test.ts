/**
 * Whatever a Form holds, its modal is one Slack accepts; what does not fit is
 * left out by the documented rule (required fields first, form order kept)
 * and said so; submissions map back to the form's names and option values;
 * errors always land on an input of the modal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formValuesFromSlack,
  toSlackErrors,
  toSlackModal,
  type SlackModal,
  type SlackStateValue,
} from "../../../../src/adapters/slack/render/index.js";
import type { Form } from "../../../../src/core/views/form.js";
import { form } from "./arbitraries.js";
import { modalProblems } from "./slack-limits.js";
import { inboundWords } from "../../../../src/core/grammar/inbound.js";
import { withoutReserved } from "../../../../src/core/views/references.js";
import { mentionOf } from "../../../support/references.js";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const inputs = (view: SlackModal) => view.blocks.flatMap((b) => (b.type === "input" ? [b] : []));

/** A submission that fills every input of the modal, with the option at `pick` in each select. */
function submission(view: SlackModal, pick: number): Record<string, Record<string, SlackStateValue>> {
  const values: [string, Record<string, SlackStateValue>][] = [];
  for (const block of inputs(view)) {
    const e = block.element;
    const id = "action_id" in e ? e.action_id! : "";
    let state: SlackStateValue;
    if (e.type === "static_select") {
      const options = e.options ?? [];
      state = { type: e.type, selected_option: { value: options[pick % options.length]!.value! } };
    } else if (e.type === "users_select") state = { type: e.type, selected_user: "U0TEST01" };
    else if (e.type === "multi_users_select") state = { type: e.type, selected_users: ["U0TEST01", "U0TEST02"] };
    else if (e.type === "datepicker") state = { type: e.type, selected_date: "2026-03-30" };
    else state = { type: e.type, value: `typed ${id}` };
    values.push([block.block_id!, Object.fromEntries([[id, state]])]);
  }
  return Object.fromEntries(values); // as JSON.parse builds it: "__proto__" is an ordinary key
}

describe("toSlackModal (property)", () => {
  it("respects every modal limit and leaves fields out only by the documented rule", () => {
    fc.assert(
      fc.property(form(true), fc.string({ maxLength: 3000 }), (f, metadata) => {
        const view = toSlackModal(f, metadata);
        expect(modalProblems(view)).toEqual([]);
        const shown = inputs(view);
        expect(shown.length).toBeLessThanOrEqual(98);
        expect(shown.length).toBeLessThanOrEqual(f.fields.length);
        const left = f.fields.length - shown.length;
        const note = JSON.stringify(view.blocks.at(-1));
        if (left > 0) expect(note).toContain(left === 1 ? "1 more field does not fit" : `${left} more fields do not fit`);
        else expect(note).not.toContain("not fit in a Slack form");
        // A required field is left out only when no place is left, or it would not fit in the
        // inputs' share (120,000 bytes) of the view budget next to the inputs already shown.
        const requiredShown = shown.filter((b) => !b.optional).length;
        const requiredLeft = f.fields.filter((x) => x.required);
        if (requiredLeft.length > requiredShown && shown.length < 98) {
          const shownBytes = shown.reduce((n, b) => n + bytes(b), 0);
          const smallest = Math.min(
            ...requiredLeft.map((x) => bytes(toSlackModal({ ...f, errors: {}, fields: [x] }, "").blocks.find((b) => b.type === "input"))),
          );
          const leftOut = requiredLeft.length - requiredShown;
          expect(leftOut).toBeGreaterThan(0);
          expect(shownBytes + smallest).toBeGreaterThan(120_000);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("keeps exactly the required fields first, then optional ones, in form order, when size is no issue", () => {
    fc.assert(
      fc.property(form(false), (f) => {
        const view = toSlackModal(f, "");
        expect(modalProblems(view)).toEqual([]);
        const order = f.fields.map((x, i) => ({ x, i }));
        const kept = [...order.filter((o) => o.x.required), ...order.filter((o) => !o.x.required)].slice(0, 98).sort((a, b) => a.i - b.i);
        const values = formValuesFromSlack(submission(view, 0), f);
        const shown = inputs(view);
        expect(shown).toHaveLength(kept.length);
        expect(shown.map((b) => b.label.text.length > 0)).toEqual(kept.map(() => true));
        expect(shown.map((b) => !b.optional)).toEqual(kept.map((k) => k.x.required));
        // Every filled input comes back under its field's name (an option whose value is blank counts as empty).
        const unique = kept.filter((k) => f.fields.filter((x) => x.name === k.x.name).length === 1);
        const filled = unique.filter(({ x }) => x.kind !== "select" || !x.options?.length || x.options[0]!.value.trim() !== "");
        for (const { x } of filled) expect(Object.keys(values)).toContain(x.name);
      }),
      { numRuns: 200 },
    );
  });

  it("maps a submission back to field names and the options' own values", () => {
    fc.assert(
      fc.property(form(true), fc.nat(250), (f, pick) => {
        const view = toSlackModal(f, "");
        const values = formValuesFromSlack(submission(view, pick), f);
        const names = new Set(f.fields.map((x) => x.name));
        for (const [name, given] of Object.entries(values)) {
          expect(names.has(name)).toBe(true);
          const value = inboundWords(given);
          const field = f.fields.find((x) => x.name === name)!;
          if (f.fields.filter((x) => x.name === name).length > 1) continue;
          // Submitted words are person text: the reference characters are gone from them.
          if (field.kind === "select" && field.options?.length) expect(field.options.map((o) => withoutReserved(o.value))).toContain(value);
          // Picked people come back as member references, made from the structure, not from text.
          if (field.kind === "user") expect(value).toBe(mentionOf("U0TEST01"));
          if (field.kind === "users") expect(value).toBe(`${mentionOf("U0TEST01")} ${mentionOf("U0TEST02")}`);
          if (field.kind === "date") expect(value).toBe("2026-03-30");
        }
      }),
      { numRuns: 60 },
    );
  });

  it("puts every error on an input of the modal, short and on one line", () => {
    fc.assert(
      fc.property(form(true), (f: Form) => {
        const view = toSlackModal(f, "");
        const ids = new Set(inputs(view).map((b) => b.block_id));
        const errors = toSlackErrors({ ...f.errors, [f.fields[0]?.name ?? "_"]: "Required" }, f);
        for (const [id, message] of Object.entries(errors)) {
          expect(ids.has(id)).toBe(true);
          expect(message.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThanOrEqual(150);
          expect(message).not.toContain("\n");
        }
        if (ids.size) expect(Object.keys(errors).length).toBeGreaterThan(0);
        else expect(errors).toEqual({});
      }),
      { numRuns: 60 },
    );
  });
});
