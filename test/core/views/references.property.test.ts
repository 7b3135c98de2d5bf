/**
 * Person text is inert on every surface, core references are live: random
 * text (Slack tokens, markdown links, autolinks, entities, reserved
 * private-use characters, anything) in every block of a reply comes out of
 * the Slack, Teams, shell and HTML renderers without a live token or link,
 * while the member and link the core put beside it come out live.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSlackHome, toSlackMessages } from "../../../src/adapters/slack/render/index.js";
import { toTeamsCards } from "../../../src/adapters/teams/render/index.js";
import { renderReply } from "../../../src/adapters/web/render/reply.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { channelRef, linkRef, memberRef, plainReferences, withoutReserved } from "../../../src/core/views/references.js";
import { actions, contextLine, fields, heading, list, progress, reply, table, text, type Reply } from "../../../src/core/views/reply.js";

const PAYLOADS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S1>",
  "<@U123>",
  "<#C123>",
  "<https://evil.example|click>",
  "[x](https://evil.example)",
  "![x](https://evil.example/i.png)",
  "<https://evil.example>",
  "<mailto:a@evil.example|mail>",
  "&lt;@U1&gt;",
  "&amp;",
  "&",
  "<",
  ">",
  "|",
  "[",
  "]",
  "(",
  ")",
  "](",
  "*",
  "_",
  "`",
  "\n",
  "[x]: https://evil.example",
  "\n[1]: https://evil.example",
  "]:",
  "{{DATE(2017-02-14T06:00:00Z, SHORT)}}",
  "{{TIME(2017-02-14T06:00:00Z)}}",
  "{{",
  "{",
  "\uE000@U999\uE002Eve\uE001",
  "\uE000^https://evil.example\uE002click\uE001",
  "\uE000#C9\uE001",
  "\uE000",
  "\uE001",
  "\uE002",
];
const privateUse = fc.integer({ min: 0xe000, max: 0xe0ff }).map((c) => String.fromCharCode(c));
/** Anything at all, reserved characters included. */
const anyText = fc
  .array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 6 }), privateUse, fc.string({ unit: "grapheme", maxLength: 4 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));
/** Person text as it reaches a view: the reserved characters were stripped at the way in. */
const personText = anyText.map(withoutReserved);

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
const core = fc.record({
  userId: fc.stringMatching(/^U[A-Z0-9]{4,9}$/),
  name: word,
  channelId: fc.stringMatching(/^C[A-Z0-9]{4,9}$/),
  label: word,
  path: word,
});

/** The private-use characters references are made of; other private-use characters are ordinary text. */
const PRIVATE_USE = /[\uE000-\uE00F]/;

function replyWith(
  p: string,
  c: { userId: string; name: string; channelId: string; label: string; path: string },
): { view: Reply; url: string } {
  const url = `https://charter.example/${c.path}?a=1&b=2`;
  const live = `${memberRef({ platformUserId: c.userId, name: c.name })} ${channelRef(c.channelId)} ${linkRef(url, c.label)}`;
  const view = reply(p, [
    heading(p),
    text(`${p} ${live} ${p}`),
    fields([
      [p, p],
      ["Owner", `${p} ${memberRef({ platformUserId: c.userId, name: c.name })}`],
    ]),
    table(
      [p, "Who"],
      [
        [p, p],
        [p, memberRef({ platformUserId: c.userId, name: c.name })],
      ],
    ),
    progress(p, 0.5, "warn"),
    list([p, `*${p}*`, `${p} ${linkRef(url, c.label)}`]),
    contextLine(p),
    actions([{ label: p, command: `task show #1` }]),
  ]);
  return { view, url };
}

/** Every string under the given keys that a card reads as Markdown (button captions are plain). */
function stringsUnder(value: unknown, keys: ReadonlySet<string>, out: string[] = [], key = ""): string[] {
  if (typeof value === "string") {
    if (keys.has(key)) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => stringsUnder(v, keys, out, key));
  else if (value && typeof value === "object") {
    if (String((value as { type?: unknown }).type ?? "").startsWith("Action.")) return out;
    for (const [k, v] of Object.entries(value)) if (k !== "data") stringsUnder(v, keys, out, k);
  }
  return out;
}

/** Slack mrkdwn strings: the `text` of mrkdwn elements and a message's notification text. */
function slackMrkdwn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => slackMrkdwn(v, out));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== "value") slackMrkdwn(v, out);
  }
  return out;
}

describe("person text never yields a live token or link; core references always do", () => {
  it("Slack messages and App Home: only <@id>, <#id> and <url|label> from references, every other < escaped", () => {
    fc.assert(
      fc.property(personText, core, (p, c) => {
        const { view, url } = replyWith(p, c);
        const escapedUrl = url.replace(/&/g, "&amp;");
        const live = [`<@${c.userId}>`, `<#${c.channelId}>`, `<${escapedUrl}|${c.label}>`];
        for (const rendered of [toSlackMessages(view), [toSlackHome(view)]]) {
          const texts = [...slackMrkdwn(rendered), ...rendered.flatMap((m) => ("text" in m && typeof m.text === "string" ? [m.text] : []))];
          const joined = texts.join("\n");
          for (const token of live) expect(joined).toContain(token);
          for (const t of texts) {
            const rest = live.reduce((s, token) => s.split(token).join(""), t);
            expect(rest).not.toMatch(/[<>]/);
            expect(rest).not.toMatch(PRIVATE_USE);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("Teams cards: link and image syntax and autolinks are broken, the core's link is [label](url), members read @Name", () => {
    fc.assert(
      fc.property(personText, core, (p, c) => {
        const { view, url } = replyWith(p, c);
        const cards = toTeamsCards(view);
        const shown = stringsUnder(cards, new Set(["text", "title", "value", "label", "altText", "fallbackText"]));
        const link = `[${c.label}](${url})`;
        expect(shown.join("\n")).toContain(link);
        expect(shown.join("\n")).toContain(`@${c.name}`);
        for (const s of shown) {
          const rest = s.split(link).join("");
          expect(rest).not.toMatch(/\]\s*\(/);
          expect(rest).not.toMatch(/\]\s*\[/);
          expect(rest).not.toMatch(/<(?:[a-z][\w+.-]*:|\/\/|www\.)/i);
          // A reference-style definition ([1]: url) and the card's {{DATE(…)}} / {{TIME(…)}} functions.
          expect(rest).not.toMatch(/\]:/);
          expect(rest).not.toMatch(/\{\{/);
          expect(rest).not.toMatch(PRIVATE_USE);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("shell text: references spelled out, no reserved characters", () => {
    fc.assert(
      fc.property(personText, core, (p, c) => {
        const { view, url } = replyWith(p, c);
        const out = renderText(view);
        expect(out).toContain(`@${c.name}`);
        expect(out).toContain(`#${c.channelId}`);
        expect(out).toContain(`${c.label} (${url})`);
        expect(out).not.toMatch(PRIVATE_USE);
      }),
      { numRuns: 200 },
    );
  });

  it("HTML: the only anchor is the core's link, person text is escaped", () => {
    fc.assert(
      fc.property(personText, core, (p, c) => {
        const { view, url } = replyWith(p, c);
        const out = renderReply(view, null).toString();
        const anchors = Array.from(out.matchAll(/<a\s[^>]*href="([^"]*)"/g), (m) => m[1]);
        expect(new Set(anchors)).toEqual(new Set([url.replace(/&/g, "&amp;")]));
        expect(out).not.toMatch(/<[!@#]|<https?:|<mailto:/);
        expect(out).toContain(`@${c.name}`);
        expect(out).not.toMatch(PRIVATE_USE);
      }),
      { numRuns: 200 },
    );
  });

  it("stray or malformed reserved characters never reach any surface", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const view = reply(t, [heading(t), text(t), fields([[t, t]]), list([t]), table([t], [[t]]), contextLine(t)]);
        expect(JSON.stringify(toSlackMessages(view)).match(PRIVATE_USE)).toBeNull();
        expect(JSON.stringify(toTeamsCards(view)).match(PRIVATE_USE)).toBeNull();
        expect(renderText(view)).not.toMatch(PRIVATE_USE);
        expect(renderReply(view, null).toString()).not.toMatch(PRIVATE_USE);
        expect(plainReferences(t)).not.toMatch(PRIVATE_USE);
      }),
      { numRuns: 300 },
    );
  });
});
