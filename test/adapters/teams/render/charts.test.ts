/**
 * Charts in Teams: an image Teams can show (a PNG within 1024 x 1024 pixels
 * and 1 MB whose card stays within ~80 KB) gets an Adaptive Card 1.5 of its
 * own, the PNG inline with its alt text and a caption, valid for the
 * official Adaptive Cards library; anything else is named by its alt text.
 * Files cannot be sent in Teams: a line names them.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../../../src/core/charts/png.js";
import { replyActivities } from "../../../../src/adapters/teams/deliver.js";
import { toTeamsCards } from "../../../../src/adapters/teams/render/index.js";
import { pngSize } from "../../../../src/adapters/teams/render/png.js";
import { file, heading, image, reply, text } from "../../../../src/core/views/reply.js";
import { cardProblems, IMAGE_CARD_BUDGET_BYTES } from "./card-check.js";

/** A PNG of noise: it hardly compresses, so its size is about width x height x 4 bytes. */
const noisyPng = (width: number, height: number) => new Uint8Array(encodePng(width, height, randomBytes(width * height * 4)));
const flatPng = (width: number, height: number) => new Uint8Array(encodePng(width, height, new Uint8Array(width * height * 4).fill(200)));

const json = (value: unknown) => JSON.stringify(value);
const bytesOf = (value: unknown) => Buffer.byteLength(json(value), "utf8");

describe("charts in Teams cards", () => {
  it("reads a PNG's size from its IHDR chunk", () => {
    expect(pngSize(flatPng(700, 400))).toEqual({ width: 700, height: 400 });
    expect(pngSize(new Uint8Array([137, 80, 78, 71]))).toBeNull();
    expect(pngSize(new Uint8Array(40))).toBeNull();
  });

  it("puts a chart in a card of its own: the PNG inline, alt text, a caption, its heading; valid 1.5 within the image card budget", () => {
    const png = noisyPng(120, 100); // about 48 KB, like a real chart
    expect(png.byteLength).toBeGreaterThan(40_000);
    const cards = toTeamsCards(
      reply(
        "Budget burn for Apollo",
        [
          text("Spent so far: *$4,200* of $10,000."),
          heading("Budget burn"),
          image("Budget burn for Apollo, week by week", png),
          text("Forecast at completion: $9,800."),
        ],
        "channel",
      ),
    );
    expect(cards).toHaveLength(3);
    const [before, chart, after] = cards;
    for (const card of [before, after]) expect(cardProblems(card)).toEqual([]);
    expect(cardProblems(chart, { budgetBytes: IMAGE_CARD_BUDGET_BYTES })).toEqual([]);
    expect(bytesOf(chart)).toBeGreaterThan(28_000);
    expect(bytesOf(chart)).toBeLessThanOrEqual(IMAGE_CARD_BUDGET_BYTES);
    expect(chart).toMatchObject({ type: "AdaptiveCard", version: "1.5", fallbackText: "Budget burn for Apollo (2/3)" });
    const [title, img, caption] = chart!.body;
    expect(title).toMatchObject({ type: "TextBlock", text: "Budget burn", weight: "Bolder" });
    expect(img).toMatchObject({ type: "Image", altText: "Budget burn for Apollo, week by week" });
    const url = (img as { url: string }).url;
    expect(url.startsWith("data:image/png;base64,")).toBe(true);
    expect(new Uint8Array(Buffer.from(url.slice("data:image/png;base64,".length), "base64"))).toEqual(png);
    expect(caption).toMatchObject({ type: "TextBlock", text: "Budget burn for Apollo, week by week", isSubtle: true });
    // The heading went with the chart, so no card ends with it.
    expect(json(before)).not.toContain('Budget burn"');
    expect(json(after)).toContain("Forecast at completion");
  });

  it("sends each activity under the Bot Connector's size: the chart's card stays under ~80 KB", () => {
    const activities = replyActivities(reply("Charts", [image("Burn", noisyPng(120, 100)), image("Risks", noisyPng(110, 100))], "channel"));
    expect(activities).toHaveLength(2);
    for (const activity of activities) expect(bytesOf(activity)).toBeLessThan(85_000);
    expect(activities.map((a) => a.summary)).toEqual(["Charts (1/2)", "Charts (2/2)"]);
  });

  it("names a chart by its alt text when Teams would not show it: over 1024 px, over the card budget, 1 MB or more, not a PNG", () => {
    const cases = [
      ["Too wide", flatPng(1100, 50)],
      ["Too tall", flatPng(50, 1025)],
      ["Too heavy for a card", noisyPng(200, 150)], // ~120 KB: its card would pass 80 KB
      ["Over a megabyte", noisyPng(520, 520)],
      ["Not a PNG", new Uint8Array([1, 2, 3, 4])],
    ] as const;
    for (const [alt, png] of cases) {
      const cards = toTeamsCards(reply(alt, [heading("Chart"), image(alt, png)], "channel"));
      expect(cards, alt).toHaveLength(1);
      expect(cardProblems(cards[0]), alt).toEqual([]);
      expect(json(cards[0]), alt).not.toContain('"type":"Image"');
      expect(json(cards[0]), alt).toContain(alt);
    }
    expect(json(toTeamsCards(reply("x", [image("Too wide", flatPng(1100, 50))])))).toContain(
      "[chart too large to show in Teams: Too wide]",
    );
    expect(json(toTeamsCards(reply("x", [image("Not a PNG", new Uint8Array([1, 2, 3]))])))).toContain("[image: Not a PNG]");
    // At the limit exactly it is shown.
    expect(json(toTeamsCards(reply("x", [image("Square", flatPng(1024, 1024))])))).toContain('"type":"Image"');
  });

  it("keeps the form button last, after a chart", () => {
    const cards = toTeamsCards({
      ...reply("Chart", [image("Burn", noisyPng(60, 60))]),
      form: {
        command: "report chart",
        title: "Pick a chart",
        submitLabel: "Show",
        fields: [{ name: "kind", label: "Kind", kind: "text", required: true }],
      },
    });
    expect(json(cards.at(-1)!.body.at(-1))).toContain('"task/fetch"');
    for (const card of cards) expect(cardProblems(card, { budgetBytes: IMAGE_CARD_BUDGET_BYTES })).toEqual([]);
  });

  it("cuts a reply of many charts at the card limit with the closing marker", () => {
    const cards = toTeamsCards(
      reply(
        "Charts",
        Array.from({ length: 5 }, (_, i) => image(`Chart ${i}`, noisyPng(40, 40))),
      ),
      { maxCards: 3 },
    );
    expect(cards).toHaveLength(3);
    expect(json(cards[2]!.body.at(-1))).toContain("too long to show in full");
    for (const card of cards) expect(cardProblems(card, { budgetBytes: IMAGE_CARD_BUDGET_BYTES })).toEqual([]);
  });

  it("names a file it cannot send, in one line that says where to get it", () => {
    const [card, ...more] = toTeamsCards(
      reply("CSV export of Apollo", [text("Exported 4 files."), file("costs.csv", "Costs", "text/csv", new TextEncoder().encode("a,b\n"))]),
    );
    expect(more).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
    const line = card!.body[1] as { type: string; text: string };
    expect(line.type).toBe("TextBlock");
    expect(line.text).toContain("costs.csv");
    expect(line.text).toContain("cannot send files in Teams");
    expect(line.text).toContain("charter run");
    expect(line.text).not.toContain("\n");
  });
});
