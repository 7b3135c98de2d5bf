/**
 * Whatever is typed, the dispatcher answers: no input throws, every
 * rejection carries a message, and nothing internal leaks into chat.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "../../src/core/dispatch.js";
import { tokensFromArgv } from "../../src/core/grammar/tokenize.js";
import { renderText } from "../../src/core/views/render-text.js";
import { commands } from "../../src/core/commands/index.js";
import type { Store } from "../../src/core/store.js";
import { createTestDatabase } from "../support/db.js";
import { chat } from "../support/context.js";

let store: Store;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ store, drop } = await createTestDatabase("sqlite"));
  await chat(store, { tenant: "fuzz" }).say('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27');
});
afterAll(() => drop());

const grammarWords = [
  ...new Set(commands.flatMap((c) => [...c.path])),
  "due",
  "est",
  "under",
  "owner",
  "mitigation",
  "review",
  "target",
  "role",
  "from",
  "to",
  "on",
  "in",
  "set",
  "contingency",
  "labour",
  "software",
  "higher",
  "lower",
  "mine",
  "open",
  "overdue",
  "all",
  "approver",
  "budget",
  "start",
  "end",
  "cost",
  "schedule",
  "scope",
  "reason",
  "any",
  "approved",
  "+2500",
  "-3d",
  "@bob",
  "<@U123|bob>",
  "#1",
  "#0",
  "#99999999999999999999",
  "p3",
  "i5",
  "p9",
  "2,500",
  "1.2k",
  "-5",
  "1e9",
  "USD",
  "JPY",
  "XXX",
  "2026-02-30",
  "2026-03-30",
  "tomorrow",
  "fri",
  "+3d",
  "50%",
  "150%",
  "4h",
  '"',
  "'",
  "“",
  "\\",
  "",
];

const word = fc.oneof(fc.constantFrom(...grammarWords), fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }));

describe("dispatch", () => {
  it("answers any sequence of words with a reply, and every rejection explains itself", async () => {
    const pm = chat(store, { tenant: "fuzz" });
    const ctx = await pm.context();
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 8 }), fc.boolean(), async (words, asText) => {
        const reply = asText ? await dispatch(ctx, words.join(" ")) : await dispatch(ctx, tokensFromArgv(words));
        const text = renderText(reply);
        expect(reply.summary.trim().length).toBeGreaterThan(0);
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).not.toMatch(/\n\s+at .+:\d+:\d+|TypeError|ZodError|PrismaClient|Invalid input: expected/);
      }),
      { numRuns: 300 },
    );
    expect(pm.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});
