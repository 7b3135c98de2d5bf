/**
 * A queued reply with charts reaches Teams through the outbox and the Bot
 * Connector: each chart Teams can show in an Adaptive Card of its own, the
 * PNG inline, every activity within the Bot Connector's message size; a
 * chart too big for Teams is named by its alt text.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePng } from "../../../src/core/charts/png.js";
import { heading, image, reply, text } from "../../../src/core/views/reply.js";
import { outboxQueue } from "../../../src/store/repositories/outbox-queue.js";
import { ALICE, botAddedActivity, startConnector, TEAM, TENANT_KEY, type ConnectorServer } from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([ALICE]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  expect((await charter.post(botAddedActivity({ serviceUrl: connector.url }))).status).toBe(200);
});
afterAll(async () => {
  await charter?.stop();
  await connector?.close();
});

async function sent(id: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    if (row.status === "sent") return;
    if (row.status === "failed") throw new Error(`outbox message failed: ${row.lastError}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("outbox message not sent in time");
}

type Card = { body: { type: string; url?: string; altText?: string; text?: string }[] };
const cardOf = (body: unknown) => (body as { attachments: { content: Card }[] }).attachments[0]!.content;

describe("Teams: charts through the outbox", () => {
  it("posts the digest's text, then each chart in a card of its own, the PNG inline and every message under ~100 KB; one too wide is named", async () => {
    const burn = new Uint8Array(encodePng(110, 100, randomBytes(110 * 100 * 4))); // ~44 KB
    const tooWide = new Uint8Array(encodePng(1200, 20, new Uint8Array(1200 * 20 * 4).fill(120)));
    const { id } = await outboxQueue(charter.db).enqueue(TENANT_KEY, "teams", {
      channelId: TEAM,
      kind: "digest",
      dedupeKey: "digest:charts:1",
      reply: reply(
        "Weekly digest: Apollo",
        [
          heading("Weekly digest: Apollo"),
          text("All on track."),
          image("Budget burn-up — Apollo: $4,200.00 spent", burn),
          image("Wide chart", tooWide),
        ],
        "channel",
      ),
    });
    await sent(id);

    const posts = connector.sent(TEAM).filter((c) => c.status === 200 && JSON.stringify(c.body).includes("Weekly digest: Apollo"));
    expect(posts).toHaveLength(3);
    for (const post of posts) expect(Buffer.byteLength(JSON.stringify(post.body))).toBeLessThan(100_000);
    const [first, chart, rest] = posts.map((p) => cardOf(p.body));
    expect(JSON.stringify(first)).toContain("All on track.");
    const img = chart!.body.find((e) => e.type === "Image")!;
    expect(img.altText).toBe("Budget burn-up — Apollo: $4,200.00 spent");
    expect(new Uint8Array(Buffer.from(img.url!.replace("data:image/png;base64,", ""), "base64"))).toEqual(burn);
    // The chart over 1024 pixels wide is named instead, after it.
    expect(rest!.body.map((e) => e.type)).toEqual(["TextBlock"]);
    expect(rest!.body[0]!.text).toBe("[chart too large to show in Teams: Wide chart]");
    expect(await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ pagesSent: 3 });
  });
});
