/** Random core views for the Slack renderer's property tests: every block kind, hostile text, huge sizes. */
import fc from "fast-check";
import type { Form, FormField, FormFieldKind } from "../../../../src/core/views/form.js";
import type { Block, Button, Reply } from "../../../../src/core/views/reply.js";
import { linkRef } from "../../../../src/core/views/references.js";
import { channelOf, mentionOf } from "../../../support/references.js";

/** Pieces Slack treats specially, plus text that is easy to cut in the wrong place. */
const SPECIAL = [
  "&",
  "<",
  ">",
  "&amp;",
  "*",
  "_",
  "`",
  "```",
  "~",
  "\n",
  "\n\n",
  " ",
  "  ",
  "\t",
  "\r\n",
  "\u0000",
  "\u0007",
  "<@U123ABC>",
  "<@U1|bob>",
  "<#C1|general>",
  "<!here>",
  "<https://example.com/?a=1&b=2|a link & more>",
  "[doc](https://x.io/y)",
  mentionOf("U123ABC", "bob"),
  channelOf("C1", "general"),
  linkRef("https://example.com/?a=1&b=2", "a link & more"),
  "\uE000",
  "\uE001\uE002",
  "😀",
  "👨‍👩‍👧",
  "👍🏽",
  "🇩🇪🇫🇷",
  "é",
  "e\u0301",
  "中文字",
  "\uD83D",
  "\uDE00",
  "\u200D",
  "\uFE0F",
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
);

export const shortText = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));

/** A pattern repeated up to a length; slicing may even split a surrogate pair, as real input might. */
export const longText = (max = 20_000) =>
  fc.tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max })).map(([parts, n]) => {
    const unit = parts.join("") || "x";
    return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  });

/** Mostly small, sometimes as big as the bounds allow: fast-check keeps arrays small unless asked. */
const sized = <T>(item: fc.Arbitrary<T>, small: number, big: [number, number]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.array(item, { maxLength: small }) },
    { weight: 1, arbitrary: fc.array(item, { minLength: big[0], maxLength: big[1], size: "max" }) },
  );

export const anyText = fc.oneof({ weight: 8, arbitrary: shortText }, { weight: 1, arbitrary: longText() });

const cell = fc.oneof({ weight: 20, arbitrary: shortText }, { weight: 1, arbitrary: longText(600) });

const table = fc.integer({ min: 0, max: 8 }).chain((width) =>
  fc.record({
    columns: fc.array(shortText, { minLength: width, maxLength: width }),
    // Ragged rows (fewer or more cells than columns) or full ones, up to 200.
    rows: fc.oneof(
      fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
      sized(fc.array(cell, { minLength: width, maxLength: width }), 12, [100, 200]),
    ),
  }),
);

const button: fc.Arbitrary<Button> = fc.record(
  {
    label: fc.oneof(shortText, longText(300)),
    command: fc.oneof({ weight: 6, arbitrary: shortText }, { weight: 1, arbitrary: longText(2_500) }),
    style: fc.constantFrom("primary" as const, "danger" as const),
  },
  { requiredKeys: ["label", "command"] },
);

export const block: fc.Arbitrary<Block> = fc.oneof(
  anyText.map((text): Block => ({ kind: "heading", text })),
  anyText.map((text): Block => ({ kind: "text", text })),
  sized(fc.tuple(shortText, anyText), 12, [11, 60]).map((items): Block => ({ kind: "fields", items })),
  table.map(({ columns, rows }): Block => ({ kind: "table", columns, rows })),
  fc
    .record({
      label: anyText,
      ratio: fc.oneof(fc.double({ min: -1, max: 3 }), fc.constantFrom(Number.NaN, Infinity)),
      tone: fc.constantFrom(undefined, "ok" as const, "warn" as const, "bad" as const),
    })
    .map((p): Block => ({ kind: "progress", ...p })),
  sized(anyText, 8, [20, 40]).map((items): Block => ({ kind: "list", items })),
  anyText.map((alt): Block => ({ kind: "image", alt, png: new Uint8Array([137, 80, 78, 71]) })),
  sized(button, 6, [20, 40]).map((buttons): Block => ({ kind: "actions", buttons })),
  anyText.map((text): Block => ({ kind: "context", text })),
);

export const reply: fc.Arbitrary<Reply> = fc.record({
  blocks: sized(block, 12, [40, 120]),
  visibility: fc.constantFrom("private" as const, "channel" as const),
  summary: fc.oneof(shortText, longText(5_000)),
  ok: fc.boolean(),
});

const KINDS: FormFieldKind[] = ["text", "longtext", "number", "money", "select", "user", "users", "date"];

const option = fc.record({
  value: fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.oneof(shortText, longText(300)) },
  ),
  label: fc.oneof(shortText, longText(200)),
});

const field = (long: boolean): fc.Arbitrary<FormField> =>
  fc.record(
    {
      name: fc.oneof(
        { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }) },
        { weight: 1, arbitrary: fc.constantFrom("", "_", "field_1", "a".repeat(300)) },
        { weight: 1, arbitrary: shortText },
      ),
      label: long ? fc.oneof(shortText, longText(3_000)) : shortText,
      kind: fc.constantFrom(...KINDS),
      required: fc.boolean(),
      hint: long ? fc.oneof(shortText, longText(3_000)) : shortText,
      options: long ? sized(option, 8, [90, 200]) : fc.array(option, { maxLength: 8 }),
      initial: fc.oneof(
        shortText,
        fc.constantFrom(
          "2026-03-30",
          "2026-02-30",
          "<@U123ABC>",
          "<@U1AAAAAA> <@U2BBBBBB>",
          mentionOf("U123ABC", "bob"),
          `${mentionOf("U1AAAAAA")} ${mentionOf("U2BBBBBB")}`,
          "42",
          "1.5",
          "-3",
        ),
        longText(3_500),
      ),
    },
    { requiredKeys: ["name", "label", "kind", "required"] },
  );

export const form = (long: boolean): fc.Arbitrary<Form> =>
  fc.record(
    {
      command: fc.oneof(fc.constantFrom("cost add", "task add"), shortText),
      title: fc.oneof(shortText, longText(100)),
      submitLabel: fc.oneof(shortText, longText(60)),
      fields: sized(field(long), 10, [90, 120]),
      errors: fc.dictionary(fc.oneof(fc.constantFrom("_", "amount"), fc.string({ maxLength: 8 })), fc.oneof(shortText, longText(500)), {
        maxKeys: 5,
      }),
    },
    { requiredKeys: ["command", "title", "submitLabel", "fields"] },
  );
