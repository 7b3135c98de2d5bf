/**
 * What Charter posts on its own reaches Teams through the outbox and the
 * stored conversation references: a critical-risk alert raised from a
 * channel, a queued message to a team, a thread reply, a message to a
 * person. A 429 from the Bot Connector is retried after its Retry-After and
 * the message is delivered exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, text } from "../../../src/core/views/reply.js";
import { outboxQueue } from "../../../src/store/repositories/outbox-queue.js";
import {
  ALICE,
  BOB,
  botAddedActivity,
  botRemovedActivity,
  CHANNEL,
  messageActivity,
  startConnector,
  TEAM,
  TENANT,
  TENANT_KEY,
  type ConnectorCall,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([ALICE, BOB]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  expect((await charter.post(botAddedActivity({ serviceUrl: connector.url }))).status).toBe(200);
});
afterAll(async () => {
  if (process.env.SHOW_CHARTER_OUTPUT)
    console.log(charter?.output(), connector.calls.map((c) => `${c.status} ${c.method} ${c.path}`).join("\n"));
  await charter?.stop();
  await connector?.close();
});

const where = () => ({ serviceUrl: connector.url, timeZone: "Europe/Berlin" });
const posts = (text: string) =>
  connector.calls.filter((c) => c.method === "POST" && c.status === 200 && JSON.stringify(c.body).includes(text));

async function statusOf(id: string, until: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = "";
  while (Date.now() < deadline) {
    status = (await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status;
    if (status === until) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}

function queue(channelId: string, dedupeKey: string, words: string, threadKey?: string) {
  return outboxQueue(charter.db).enqueue(TENANT_KEY, "teams", {
    channelId,
    kind: "alert",
    dedupeKey,
    reply: reply(words, [text(words)], "channel"),
    ...(threadKey ? { threadKey } : {}),
  });
}

describe("Teams: proactive messages through the outbox", () => {
  it("posts a critical-risk alert raised in a channel to that channel, as a new post", async () => {
    await charter.post(messageActivity('project create "Apollo" budget 10000 USD', where()));
    const before = connector.calls.length;
    expect((await charter.post(messageActivity("risk add Data centre flood p5 i4", where()))).status).toBe(200);
    const alert = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= before && c.conversationId === CHANNEL && c.replyToId === undefined,
    );
    expect(alert.path).toBe(`/v3/conversations/${CHANNEL}/activities`);
    expect(JSON.stringify(alert.body)).toContain("Data centre flood");
    expect((alert.body as { attachments: { contentType: string }[] }).attachments[0]!.contentType).toBe(
      "application/vnd.microsoft.card.adaptive",
    );
  });

  it("retries a 429 after its Retry-After and delivers the message exactly once", async () => {
    connector.failNext(TEAM, { status: 429, headers: { "Retry-After": "1" } });
    const { id } = await queue(TEAM, "digest:apollo:2026-w10", "Weekly status: Apollo");
    expect(await statusOf(id, "sent")).toBe("sent");
    const attempts = connector.calls.filter(
      (c) => c.method === "POST" && c.conversationId === TEAM && JSON.stringify(c.body).includes("Weekly status: Apollo"),
    );
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    // Queued again under the same key, or left to run: it is not posted a second time.
    await queue(TEAM, "digest:apollo:2026-w10", "Weekly status: Apollo");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(posts("Weekly status: Apollo")).toHaveLength(1);
  });

  it("keeps honouring Retry-After through the outbox when the throttling goes on", async () => {
    // More 429s than the Bot Connector client retries by itself: the outbox takes over, and still waits each Retry-After.
    connector.failNext(TEAM, ...Array.from({ length: 6 }, () => ({ status: 429, headers: { "Retry-After": "1" } })));
    const { id } = await queue(TEAM, "alert:throttled", "Budget 50% used");
    expect(await statusOf(id, "sent", 30_000)).toBe("sent");
    const attempts = connector.calls.filter(
      (c) => c.method === "POST" && c.conversationId === TEAM && JSON.stringify(c.body).includes("Budget 50% used"),
    );
    expect(attempts.map((c) => c.status)).toEqual([429, 429, 429, 429, 429, 429, 200]);
    for (let i = 1; i < attempts.length; i++) expect(attempts[i]!.at - attempts[i - 1]!.at).toBeGreaterThanOrEqual(950);
    // Throttling is the platform asking to wait, not a failed attempt: the one attempt that posted is all it spent.
    expect((await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
    expect(posts("Budget 50% used")).toHaveLength(1);
  }, 40_000);

  it("retries 412, 502 and 504 with backoff, then delivers once", async () => {
    connector.failNext(TEAM, { status: 412 }, { status: 502 }, { status: 504 });
    const { id } = await queue(TEAM, "alert:gateway", "Budget 80% used");
    expect(await statusOf(id, "sent", 20_000)).toBe("sent");
    const attempts = connector.calls.filter(
      (c) => c.method === "POST" && c.conversationId === TEAM && JSON.stringify(c.body).includes("Budget 80% used"),
    );
    expect(attempts.map((c) => c.status)).toEqual([412, 502, 504, 200]);
    expect(posts("Budget 80% used")).toHaveLength(1);
  });

  it("posts a thread reply under its parent's message", async () => {
    const parent = await queue(TEAM, "standup:prompt:1", "Standup: what did you do yesterday?");
    const child = await queue(TEAM, "standup:summary:1", "Standup summary", "standup:prompt:1");
    expect(await statusOf(child.id, "sent")).toBe("sent");
    const row = await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: parent.id } });
    expect(row.platformMessageId).toMatch(/^activity-/);
    const [reply] = posts("Standup summary");
    expect(reply!.conversationId).toBe(`${TEAM};messageid=${row.platformMessageId}`);
  });

  it("sends to a person in their personal chat, creating it the first time", async () => {
    // Alice wrote to Charter in a personal chat: that chat is used.
    const personal = messageActivity("help", { ...where(), kind: "personal" });
    await charter.post(personal);
    const toAlice = await queue(ALICE.aadObjectId, "reminder:alice", "You have 2 overdue tasks");
    expect(await statusOf(toAlice.id, "sent")).toBe("sent");
    expect(posts("You have 2 overdue tasks").map((c: ConnectorCall) => c.conversationId)).toEqual([personal.conversation.id]);

    // Bob never did: a personal chat is created for him through the team's Bot Connector, and stored.
    const toBob = await queue(BOB.aadObjectId, "reminder:bob", "Your risk review is due");
    expect(await statusOf(toBob.id, "sent")).toBe("sent");
    const created = connector.calls.find((c) => c.path === "/v3/conversations");
    expect(created?.body).toMatchObject({ isGroup: false, members: [{ id: BOB.aadObjectId }], tenantId: TENANT });
    const [sent] = posts("Your risk review is due");
    expect(sent!.conversationId).toMatch(/^a:created-/);
    expect(await charter.conversations.findPersonal(TENANT_KEY, BOB.aadObjectId)).toMatchObject({
      conversationId: sent!.conversationId,
      kind: "personal",
    });
  });

  it("fails a message for a conversation Charter is not in, or was removed from, without posting", async () => {
    const unknown = await queue("19:unknown-channel@thread.tacv2", "alert:nowhere", "Nobody hears this");
    expect(await statusOf(unknown.id, "failed")).toBe("failed");
    expect((await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: unknown.id } })).lastError).toMatch(/no reference/);

    expect((await charter.post(botRemovedActivity({ serviceUrl: connector.url }))).status).toBe(200);
    const removed = await queue(TEAM, "alert:after-removal", "Nobody hears this either");
    expect(await statusOf(removed.id, "failed")).toBe("failed");
    expect((await charter.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: removed.id } })).lastError).toMatch(/removed/);
    expect(posts("Nobody hears this")).toHaveLength(0);
  });
});
