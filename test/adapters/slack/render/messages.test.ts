import { describe, expect, it } from "vitest";
import { MORE_MARKER, toSlackMessages, type SlackMessage } from "../../../../src/adapters/slack/render/index.js";
import { linkRef, memberRef } from "../../../../src/core/views/references.js";
import { actions, contextLine, fields, heading, list, progress, reply, table, text, type Block } from "../../../../src/core/views/reply.js";
import { messageProblems } from "./slack-limits.js";

const render = (...blocks: Block[]) => toSlackMessages(reply("Summary", blocks));
const only = (...blocks: Block[]) => {
  const messages = render(...blocks);
  expect(messages).toHaveLength(1);
  return messages[0]!.blocks;
};
const sectionTexts = (messages: SlackMessage[]) =>
  messages.flatMap((m) => m.blocks.flatMap((b) => (b.type === "section" && b.text ? [b.text.text] : [])));
const withinLimits = (messages: SlackMessage[]) => expect(messages.flatMap(messageProblems)).toEqual([]);

describe("toSlackMessages: one block of each kind", () => {
  it("heading -> header block", () => {
    expect(only(heading("Budget"))).toEqual([{ type: "header", text: { type: "plain_text", text: "Budget", emoji: true } }]);
  });

  it("a long heading is cut at 150 characters with an ellipsis, on one line", () => {
    const [block] = only(heading(`Line\n${"é".repeat(200)}`));
    expect(block).toMatchObject({ type: "header" });
    const value = block!.type === "header" ? block.text.text : "";
    expect(value).toHaveLength(150);
    expect(value.startsWith("Line ééé")).toBe(true);
    expect(value.endsWith("…")).toBe(true);
  });

  it("text -> mrkdwn section; &, <, > escaped so typed Slack syntax stays text; only core references are live", () => {
    const live = `${memberRef({ platformUserId: "U9", name: "Ann" })} ${linkRef("https://x.io/d?a=1&b=2", "Docs & <more>")}`;
    expect(only(text(`*Bold* & _it_ <@U123> <!channel> <https://x.io/?a=1&b=2|Docs & more> [spec](https://x.io/s) 1<2>0 ${live}`))).toEqual(
      [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*Bold* &amp; _it_ &lt;@U123&gt; &lt;!channel&gt; &lt;https://x.io/?a=1&amp;b=2|Docs &amp; more&gt; [spec](https://x.io/s) 1&lt;2&gt;0 <@U9> <https://x.io/d?a=1&amp;b=2|Docs &amp; &lt;more&gt;>",
          },
        },
      ],
    );
  });

  it("fields -> section fields '*Label*\\nvalue'; an empty value shows a dash", () => {
    expect(
      only(
        fields([
          ["Budget", "$10,000"],
          ["Owner", memberRef({ platformUserId: "U1", name: "Ann" })],
          ["Note", ""],
        ]),
      ),
    ).toEqual([
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: "*Budget*\n$10,000" },
          { type: "mrkdwn", text: "*Owner*\n<@U1>" },
          { type: "mrkdwn", text: "*Note*\n—" },
        ],
      },
    ]);
  });

  it("more than 10 fields spread over several sections", () => {
    const items = Array.from({ length: 23 }, (_, i): [string, string] => [`F${i}`, `v${i}`]);
    const blocks = only(fields(items));
    expect(blocks.map((b) => (b.type === "section" ? b.fields?.length : 0))).toEqual([10, 10, 3]);
  });

  it("a field value over 2,000 characters continues in '(cont.)' fields, nothing cut", () => {
    const value = "word ".repeat(900).trim();
    const blocks = only(fields([["Notes", value]]));
    const texts = blocks.flatMap((b) => (b.type === "section" ? (b.fields ?? []).map((f) => f.text) : []));
    expect(texts.length).toBe(3);
    expect(texts[0]!.startsWith("*Notes*\nword")).toBe(true);
    expect(texts[1]!.startsWith("*Notes (cont.)*\nword")).toBe(true);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    const rejoined = texts.map((t) => t.slice(t.indexOf("\n") + 1)).join(" ");
    expect(rejoined).toBe(value);
  });

  it("table -> aligned code block, numbers right-aligned", () => {
    expect(
      only(
        table(
          ["#", "Title", "Cost"],
          [
            ["1", "Fix login", "1,200.00 EUR"],
            ["12", "R&D <spike>", "3.50 EUR"],
          ],
        ),
      ),
    ).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "```",
            " #  Title                Cost",
            "──  ───────────  ────────────",
            " 1  Fix login    1,200.00 EUR",
            "12  R&amp;D &lt;spike&gt;      3.50 EUR",
            "```",
          ].join("\n"),
        },
      },
    ]);
  });

  it("a long cell wraps inside its column instead of being cut", () => {
    const note = "This note is long enough that it has to wrap over a few lines of the column";
    const [block] = only(table(["Date", "Note"], [["2026-03-30", note]]));
    const value = block!.type === "section" ? (block.text?.text ?? "") : "";
    expect(value.split("\n").length).toBeGreaterThan(5);
    expect(value.split("\n").every((l) => l.length <= 90)).toBe(true);
    expect(value.replace(/```|─|\s+/g, "")).toContain(note.replace(/\s+/g, ""));
  });

  it("a long table repeats its header in every section and stays under 3,000 characters each", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [String(i + 1), `Task number ${i + 1}`, "todo", "@bob", "2026-03-30"]);
    const messages = render(table(["#", "Title", "Status", "Owner", "Due"], rows));
    withinLimits(messages);
    const texts = sectionTexts(messages);
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(3000);
      expect(t.split("\n")[1]).toMatch(/^ *# +Title +Status +Owner +Due$/);
    }
    expect(texts.join("\n")).toContain("Task number 200");
  });

  it("a table with core mentions or links lists its rows, since a code block cannot make them live", () => {
    expect(
      only(
        table(
          ["Task", "Owner"],
          [
            ["Fix login", memberRef({ platformUserId: "U1", name: "Ann" })],
            ["Docs", ""],
          ],
        ),
      ),
    ).toEqual([{ type: "section", text: { type: "mrkdwn", text: "• *Task:* Fix login · *Owner:* <@U1>\n• *Task:* Docs" } }]);
  });

  it("a table too wide for a code block lists its rows", () => {
    const columns = Array.from({ length: 14 }, (_, i) => `Column ${i + 1}`);
    const [block] = only(table(columns, [columns.map((c) => `${c} value`)]));
    expect(block!.type === "section" && block.text?.text.startsWith("• *Column 1:* Column 1 value · *Column 2:*")).toBe(true);
  });

  it("progress -> text bar, percentage and an emoji by tone", () => {
    expect(
      only(progress("Budget used", 0.5, "warn"), progress("Done", 1, "ok"), progress("Over", 1.2, "bad"), progress("Plain", 0.25)),
    ).toEqual([
      { type: "section", text: { type: "mrkdwn", text: ":large_yellow_circle: Budget used █████░░░░░ 50%" } },
      { type: "section", text: { type: "mrkdwn", text: ":large_green_circle: Done ██████████ 100%" } },
      { type: "section", text: { type: "mrkdwn", text: ":red_circle: Over ██████████ 120%" } },
      { type: "section", text: { type: "mrkdwn", text: "Plain ███░░░░░░░ 25%" } },
    ]);
  });

  it("list -> bullets, split between items past 3,000 characters", () => {
    expect(only(list(["one", "two & three"]))).toEqual([{ type: "section", text: { type: "mrkdwn", text: "• one\n• two &amp; three" } }]);
    const items = Array.from({ length: 100 }, (_, i) => `Item ${i} ${"x".repeat(50)}`);
    const texts = sectionTexts(render(list(items)));
    expect(texts.length).toBe(3);
    expect(texts.every((t) => t.startsWith("• Item") && t.length <= 3000)).toBe(true);
    expect(texts.join("\n").split("\n")).toHaveLength(100);
  });

  it("image -> a context line with its alt text (uploads are the reports feature's job)", () => {
    expect(only({ kind: "image", alt: "Burn-down <chart>", png: new Uint8Array([1, 2]) })).toEqual([
      { type: "context", elements: [{ type: "mrkdwn", text: "[image: Burn-down &lt;chart&gt;]" }] },
    ]);
  });

  it("actions -> buttons whose value is the command, numbered action_ids, styles kept", () => {
    expect(
      only(
        actions([
          { label: "Mark done", command: "task done #3", style: "primary" },
          { label: "Delete", command: "risk close #2", style: "danger" },
          { label: "Help", command: "help" },
        ]),
      ),
    ).toEqual([
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Mark done", emoji: true },
            value: "task done #3",
            style: "primary",
            action_id: "charter_run_1",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Delete", emoji: true },
            value: "risk close #2",
            style: "danger",
            action_id: "charter_run_2",
          },
          { type: "button", text: { type: "plain_text", text: "Help", emoji: true }, value: "help", action_id: "charter_run_3" },
        ],
      },
    ]);
  });

  it("more than 25 buttons split over several actions blocks; long labels cut at 75; ids unique", () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ label: `${i} ${"label ".repeat(20)}`, command: `task done #${i}` }));
    const messages = render(actions(buttons));
    withinLimits(messages);
    const blocks = messages[0]!.blocks;
    expect(blocks.map((b) => (b.type === "actions" ? b.elements.length : 0))).toEqual([25, 5]);
  });

  it("a button whose command is longer than Slack allows is left out, and says so", () => {
    const blocks = only(
      actions([
        { label: "Ok", command: "help" },
        { label: "Huge", command: `note ${"x".repeat(2100)}` },
      ]),
    );
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ type: "actions", elements: [{ value: "help" }] });
    expect(blocks[1]).toMatchObject({
      type: "context",
      elements: [{ text: "_A button was left out: the command is too long for a Slack button._" }],
    });
  });

  it("context -> context block with mrkdwn", () => {
    expect(only(contextLine("Add one with `risk add`."))).toEqual([
      { type: "context", elements: [{ type: "mrkdwn", text: "Add one with `risk add`." }] },
    ]);
  });
});

describe("toSlackMessages: long replies", () => {
  it("uses the summary as the fallback text, escaped", () => {
    expect(toSlackMessages(reply("R&D <done>", [text("ok")]))[0]!.text).toBe("R&amp;D &lt;done&gt;");
  });

  it("a reply without blocks shows its summary", () => {
    expect(toSlackMessages(reply("Nothing to do", []))).toEqual([
      { text: "Nothing to do", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Nothing to do" } }] },
    ]);
  });

  it("splits a text over 3,000 characters at line breaks, never inside an emoji or an entity", () => {
    const line = `😀 & 👨‍👩‍👧 ${memberRef({ platformUserId: "U1", name: "Ann" })} `.repeat(10);
    const value = Array.from({ length: 40 }, () => line).join("\n");
    const messages = render(text(value));
    withinLimits(messages);
    const texts = sectionTexts(messages);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) {
      expect(t.endsWith("&amp")).toBe(false);
      expect(t.split("\n").every((l) => l === "😀 &amp; 👨‍👩‍👧 <@U1> ".repeat(10))).toBe(true);
    }
  });

  it("splits a text without any spaces between graphemes", () => {
    const value = "👍🏽".repeat(2500);
    const texts = sectionTexts(render(text(value)));
    expect(texts.join("")).toBe(value);
    expect(texts.every((t) => t.length <= 3000 && t.length % 4 === 0)).toBe(true);
  });

  it("pages a reply needing more than 50 blocks, numbering the fallback text", () => {
    const messages = toSlackMessages(
      reply(
        "Weekly digest",
        Array.from({ length: 120 }, (_, i) => text(`Line ${i}`)),
      ),
    );
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 50, 20]);
    expect(messages.map((m) => m.text)).toEqual(["Weekly digest (1/3)", "Weekly digest (2/3)", "Weekly digest (3/3)"]);
    withinLimits(messages);
  });

  it("keeps each message's blocks under 12,000 characters of JSON", () => {
    const messages = render(...Array.from({ length: 10 }, () => text("x".repeat(2900))));
    expect(messages.length).toBeGreaterThan(2);
    withinLimits(messages);
  });

  it("does not leave a heading at the foot of a message", () => {
    const blocks = [...Array.from({ length: 49 }, (_, i) => text(`Line ${i}`)), heading("Risks"), text("R1")];
    const messages = render(...blocks);
    expect(messages[0]!.blocks.at(-1)?.type).toBe("section");
    expect(messages[1]!.blocks[0]).toMatchObject({ type: "header", text: { text: "Risks" } });
  });

  it("numbers buttons across the whole reply, so ids stay unique in every message", () => {
    const blocks = Array.from({ length: 60 }, (_, i) => actions([{ label: `B${i}`, command: `task done #${i}` }]));
    const ids = render(...blocks).flatMap((m) =>
      m.blocks.flatMap((b) => (b.type === "actions" ? b.elements.map((e) => ("action_id" in e ? e.action_id : "")) : [])),
    );
    expect(new Set(ids).size).toBe(60);
  });

  it("cuts a reply past 10 messages and ends it with a marker", () => {
    const messages = render(...Array.from({ length: 40 }, () => text("y".repeat(20_000))));
    expect(messages).toHaveLength(10);
    withinLimits(messages);
    expect(messages[9]!.blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: `_${MORE_MARKER}_` }] });
    expect(messages[9]!.text).toBe("Summary (10/10)");
    expect(
      toSlackMessages(
        reply(
          "s",
          Array.from({ length: 40 }, () => text("y".repeat(20_000))),
        ),
        { maxMessages: 100 },
      ).length,
    ).toBeGreaterThan(10);
  });

  it("drops control characters and repairs lone surrogates", () => {
    expect(only(text("a\u0000b\u0007c \uD83D d\r\ne"))).toEqual([{ type: "section", text: { type: "mrkdwn", text: "abc \uFFFD d\ne" } }]);
  });

  it("skips blocks with nothing to show", () => {
    expect(only(heading("  "), text(""), list([]), text("kept"), fields([]), actions([]), table([], []))).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "kept" } },
    ]);
  });
});
