/**
 * Person text is inert in Teams, end to end: Markdown links and images,
 * autolinks and chat mention syntax typed into every command that echoes
 * text, and a display name made of them, reach the Bot Connector as words in
 * the cards, never as a link; a mention of a person picked in Teams still
 * names them, and the approvers Charter addresses are still named.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  ALICE,
  BOB,
  botAddedActivity,
  CHANNEL,
  messageActivity,
  startConnector,
  TENANT_KEY,
  type ConnectorCall,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { mentionOf } from "../../support/references.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

/** As Teams sends typed text: its own markup escaped, Markdown as plain characters. */
const PAYLOAD = [
  "[Reset your password](https://evil.example/login)",
  "![x](https://evil.example/i.png)",
  "&lt;https://evil.example&gt;",
  "&lt;!channel&gt;",
  "&lt;@U123&gt;",
  "&lt;at&gt;Bob&lt;/at&gt;",
  `${mentionOf("29:1eve", "Eve")}`,
].join(" ");
const EVE = {
  id: "29:1eve-Qq1_Z",
  name: "[Reset](https://evil.example) <https://evil.example> evil",
  aadObjectId: "8d3e4f50-0000-4000-8000-0000000000e5",
};

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([ALICE, BOB, EVE]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  expect((await charter.post(botAddedActivity({ serviceUrl: connector.url }))).status).toBe(200);
});
afterAll(async () => {
  await charter?.stop();
  await connector?.close();
});

const as = (from: { id: string; name: string; aadObjectId?: string }, mentions: { id: string; name: string }[] = []) => ({
  serviceUrl: connector.url,
  timeZone: "Europe/Berlin",
  from,
  mentions,
});

/** Posts a message and waits for the first thing the bot sends after it that matches. */
async function say(words: string, where = as(ALICE), match: (call: ConnectorCall) => boolean = () => true): Promise<string> {
  const before = connector.calls.length;
  expect((await charter.post(messageActivity(words, where))).status).toBe(200);
  const call = await connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.method === "POST" && c.status === 200 && match(c));
  return JSON.stringify(call.body);
}

/** Every string a Teams client reads as Markdown: activity text and summary, TextBlocks, facts. Button captions and data are plain. */
function markdownOf(value: unknown, out: string[] = [], key = ""): string[] {
  if (typeof value === "string") {
    if (["text", "summary", "title", "value", "fallbackText"].includes(key)) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => markdownOf(v, out, key));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (String(o.type ?? "").startsWith("Action.") || String(o.type ?? "").startsWith("Input.")) return out;
    for (const [k, v] of Object.entries(o)) if (k !== "data") markdownOf(v, out, k);
  }
  return out;
}

it("keeps every echo of person text inert in cards while the people Charter names stay named", async () => {
  await say(`project create "Apollo ${"[x](https://evil.example)"} &lt;https://evil.example&gt;" budget 10000 USD`);
  const project = (await charter.store.projects.forChannel(TENANT_KEY, CHANNEL))!;
  expect(project.name).toBe("Apollo [x](https://evil.example) <https://evil.example>");

  // Eve is picked as a Teams mention: she is assigned, under her display name.
  const assigned = await say(`task add "${PAYLOAD}" <at>${EVE.name}</at>`, as(ALICE, [EVE]));
  expect(assigned).toContain("Added task #1");
  const task = (await charter.store.tasks.list(TENANT_KEY, project.id, {}))[0]!;
  expect((await charter.store.members.getMany(TENANT_KEY, [task.assigneeId!]))[0]?.name).toBe(EVE.name);
  // Typed text loses the reserved characters: a forged reference is words.
  expect(task.title).toContain("@29:1eveEve");
  expect(task.title).not.toMatch(/[\uE000-\uE00F]/);

  await say(`cost add 120 USD travel "${PAYLOAD}"`);
  await say(`milestone add "${PAYLOAD}" 2026-03-30`);
  await say(`kpi add "${PAYLOAD}" target 95%`);
  await say(`risk add "${PAYLOAD}" p5 i5 mitigation "${PAYLOAD}"`);
  const request = await say(
    `change request "${PAYLOAD}" cost +100 USD reason "${PAYLOAD}"`,
    as(ALICE),
    (c) => c.conversationId === CHANNEL && c.replyToId === undefined && JSON.stringify(c.body).includes("Change request #1"),
  );
  await say(`change ask #1 "${PAYLOAD}"`);
  await say(`change approve #1 "${PAYLOAD}"`);
  await say(`standup setup days mon-sun at 09:00 tz UTC`);
  await say(`standup answer yesterday "${PAYLOAD}" today "${PAYLOAD}" blockers "${PAYLOAD}"`);
  for (const words of [
    "task list all",
    "task show #1",
    "cost list",
    "risk list",
    "risk show #1",
    "milestone list",
    "kpi list",
    "change show #1",
    "project show",
    "report weekly",
  ])
    await say(words);

  // The approver is named on the request.
  expect(request).toContain(`@${ALICE.name}, please decide`);

  const sent = connector.calls.filter((c) => c.method === "POST" && c.status === 200);
  expect(sent.length).toBeGreaterThan(20);
  const texts = sent.flatMap((c) => markdownOf(c.body));
  const all = texts.join("\n");
  // Readable: the words are there.
  expect(all).toContain("Reset your password");
  expect(all).toContain("https://evil.example/login");
  expect(all).toContain("<!channel>");
  for (const text of texts) {
    expect(text, text.slice(0, 200)).not.toMatch(/\]\s*\(/);
    expect(text, text.slice(0, 200)).not.toMatch(/\]\s*\[/);
    expect(text, text.slice(0, 200)).not.toMatch(/<(?:[a-z][\w+.-]*:|\/\/|www\.)/i);
    expect(text).not.toMatch(/[\uE000-\uE00F]/);
  }
});
