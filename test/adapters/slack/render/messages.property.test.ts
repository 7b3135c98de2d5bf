/**
 * Whatever a Reply holds, every message the Slack renderer produces is one
 * Slack accepts, and nothing is silently lost: each heading, text and list
 * item starts in some message, unless the reply was cut and says so.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MORE_MARKER, toSlackMessages, type SlackMessage } from "../../../../src/adapters/slack/render/index.js";
import type { Block } from "../../../../src/core/views/reply.js";
import { reply } from "./arbitraries.js";
import { messageProblems } from "./slack-limits.js";

/**
 * The first characters of a core text as they must appear in Slack: up to
 * the first character the renderer rewrites (escaped, a link, a line break,
 * a control character or a broken surrogate), at most 20 code points.
 */
function start(raw: string): string {
  let out = "";
  let count = 0;
  for (const ch of raw) {
    // Reference characters too: a reference shows as <@U…> or @name, not as the characters it is made of.
    if (/[&<>[\]\n\r\t\u0000-\u001F\u007F\uE000-\uE00F]/.test(ch) || /^[\uD800-\uDFFF]$/.test(ch)) break;
    out += ch;
    if (++count === 20) break;
  }
  return out.trim() === "" ? "" : out.trimEnd();
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

function texts(messages: SlackMessage[]): string[] {
  return messages.flatMap((m) =>
    m.blocks.flatMap((b) => {
      if (b.type === "header") return [b.text.text];
      if (b.type === "section") return [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)];
      if (b.type === "context") return b.elements.map((e) => ("text" in e ? e.text : ""));
      return [];
    }),
  );
}

const isMarker = (m: SlackMessage | undefined) => JSON.stringify(m?.blocks.at(-1) ?? null).includes(MORE_MARKER);

describe("toSlackMessages (property)", () => {
  it("respects every Block Kit limit and keeps every heading, text and list item", () => {
    fc.assert(
      fc.property(reply, fc.constantFrom(10, 3, 1_000), (r, maxMessages) => {
        const messages = toSlackMessages(r, { maxMessages });
        expect(messages.length).toBeGreaterThanOrEqual(1);
        expect(messages.length).toBeLessThanOrEqual(maxMessages);
        expect(messages.flatMap(messageProblems)).toEqual([]);
        if (messages.length > 1) messages.forEach((m, i) => expect(m.text.endsWith(` (${i + 1}/${messages.length})`)).toBe(true));

        const cut = isMarker(messages.at(-1));
        expect(messages.slice(0, -1).some(isMarker)).toBe(false);
        if (maxMessages === 1_000) expect(cut).toBe(false);
        const shown = texts(messages);
        for (const beginning of beginnings(r.blocks)) {
          if (!shown.some((t) => t.includes(beginning))) {
            expect(cut, `"${beginning}" is missing and the reply was not marked as cut`).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
