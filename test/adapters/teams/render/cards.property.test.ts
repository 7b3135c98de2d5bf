/**
 * Whatever a Reply or Form holds, every card the Teams renderer produces is
 * one Teams takes: under the 28 KB budget and valid Adaptive Card 1.5
 * (checked with the official Adaptive Cards library, see card-check.ts). And
 * nothing is silently lost: each heading, text and list item starts in some
 * card unless the reply was cut and says so; every field of a form that fits
 * has its input, and its value comes back from a submission.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formValuesFromTeams, MORE_MARKER, planDialog, toTeamsCards, toTeamsDialog } from "../../../../src/adapters/teams/render/index.js";
import type { Block } from "../../../../src/core/views/reply.js";
import { form, reply } from "../../slack/render/arbitraries.js";
import { cardProblems } from "./card-check.js";

/**
 * The first characters of a core text as a card must show them: up to the
 * first character the renderer may rewrite (markup, a reference, a line break, a control
 * character or a broken surrogate), at most 20 code points.
 */
function start(raw: string): string {
  let out = "";
  let count = 0;
  for (const ch of raw) {
    if (/[*_`[\]\n\r\t\u0000-\u001F\u007F\u2028\u2029\uE000-\uE00F]/.test(ch) || /^[\uD800-\uDFFF]$/.test(ch)) break;
    out += ch;
    if (++count === 20) break;
  }
  return out.trim() === "" ? "" : out.trim();
}

function beginnings(blocks: readonly Block[]): string[] {
  return blocks
    .flatMap((b) => {
      if (b.kind === "heading" || b.kind === "text") return [start(b.text)];
      if (b.kind === "list") return b.items.map(start);
      return [];
    })
    .filter(Boolean);
}

/** Every TextBlock text in a card, wherever it sits. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  return [...(o.type === "TextBlock" && typeof o.text === "string" ? [o.text] : []), ...Object.values(o).flatMap(texts)];
}

describe("toTeamsCards (property)", () => {
  it("keeps every card under 28 KB and valid Adaptive Card 1.5, and loses no heading, text or list item", () => {
    fc.assert(
      fc.property(reply, fc.constantFrom(10, 3, 1_000), (r, maxCards) => {
        const cards = toTeamsCards(r, { maxCards });
        expect(cards.length).toBeGreaterThanOrEqual(1);
        expect(cards.length).toBeLessThanOrEqual(maxCards);
        for (const card of cards) expect(cardProblems(card)).toEqual([]);
        if (cards.length > 1) cards.forEach((c, i) => expect(c.fallbackText?.endsWith(` (${i + 1}/${cards.length})`)).toBe(true));
        // The word joiner that keeps typed link syntax from being a link is invisible: the words are all there.
        const shown = cards
          .flatMap((c) => texts(c.body))
          .join("\n")
          .replace(/\u2060/g, "")
          .replace(/\s+/g, " ");
        const cut = shown.includes(MORE_MARKER);
        if (!cut) for (const b of beginnings(r.blocks)) expect(shown).toContain(b.replace(/\s+/g, " "));
      }),
      { numRuns: 60 },
    );
  });

  it("puts a button that opens the form as a dialog on the last card of a reply that asks for one", () => {
    fc.assert(
      fc.property(reply, form(false), (r, f) => {
        const cards = toTeamsCards({ ...r, form: { ...f, errors: undefined } as typeof f });
        for (const card of cards) expect(cardProblems(card)).toEqual([]);
        const last = JSON.stringify(cards.at(-1)!.body.at(-1));
        expect(last).toContain('"task/fetch"');
        expect(last).toContain('"action":"form"');
      }),
      { numRuns: 40 },
    );
  });
});

describe("toTeamsDialog (property)", () => {
  it("keeps every dialog card under 28 KB and valid, with one input per kept field whose value comes back on submit", () => {
    fc.assert(
      fc.property(form(true), (f) => {
        const { card, title } = toTeamsDialog(f);
        expect(cardProblems(card)).toEqual([]);
        expect(title.length).toBeGreaterThan(0);
        const plan = planDialog(f);
        const inputs = card.body.filter((e) => e.type.startsWith("Input.")) as { id: string }[];
        expect(inputs.map((i) => i.id)).toEqual(plan.fields.map((p) => p.id));

        // A text typed into every kept text-like input comes back under its field's name.
        const data: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const p of plan.fields) {
          if (["text", "longtext", "money"].includes(p.field.kind) || (p.field.kind === "select" && !p.field.options?.length)) {
            data[p.id] = `value of ${p.id}`;
            if (!(p.field.name in expected)) expected[p.field.name] = data[p.id]!;
          }
        }
        const back = formValuesFromTeams({ charter: { action: "submit", command: f.command }, ...data }, f).values;
        for (const [name, value] of Object.entries(expected)) expect(back[name]).toBe(value);
      }),
      { numRuns: 60 },
    );
  });
});
