/**
 * Person text is inert in Slack, end to end: every command that echoes what
 * a person wrote is run through the real receiver with Slack's special
 * mentions, user and channel mentions and links in it, both as Slack sends
 * them (<!channel>, <https://…|label>) and as typed characters (&lt;!channel&gt;).
 * Nothing the fake Slack receives — replies, channel posts, alerts, the
 * change-request post, a standup summary, the App Home — carries a live
 * token or link built from that text, the text stays readable, and the
 * mentions Charter makes itself (approvers, the project manager) are live.
 */
import { DateTime } from "luxon";
import { afterAll, beforeAll, expect, it } from "vitest";
import { standupSummary } from "../../../src/core/messages/standup-summary.js";
import { outboxQueue } from "../../../src/store/repositories/outbox-queue.js";
import {
  appHomeOpenedEvent,
  DEFAULT_CHANNEL,
  DEFAULT_TENANT,
  DEFAULT_USER,
  eventBody,
  newTriggerId,
  postSigned,
  slashCommandBody,
  startSlackApi,
  type RecordedCall,
  type SlackApi,
} from "../../support/slack/index.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

/** What Slack sends when someone picks these in the composer. */
const SLACK_TOKENS = ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S1>", "<@U123>", "<#C123>", "<https://evil.example|click>"];
/** The same characters typed: Slack escapes them. Markdown links are plain characters either way. */
const TYPED = SLACK_TOKENS.map((t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
const PAYLOAD = [...SLACK_TOKENS, "[x](https://evil.example)", ...TYPED].join(" ");
/** A display name made of the same. */
const EVE = { id: "U0EVE00001", display: "<!channel> <https://evil.example|Reset> [x](https://evil.example) <@U123> evil" };

let api: SlackApi;
let charter: RunningCharter;

beforeAll(async () => {
  api = await startSlackApi({
    users: {
      [DEFAULT_USER.id]: { name: "alice", display_name: "alice", tz: "UTC" },
      [EVE.id]: { name: "eve", display_name: EVE.display, tz: "UTC" },
    },
  });
  charter = await startCharterWithSlack({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
  });
});
afterAll(async () => {
  await charter?.stop();
  await api?.close();
});

const tenant = DEFAULT_TENANT;
let n = 0;

/** Runs `/pm <text>` as `user` and returns what its response_url received. */
async function pm(text: string, user: { id: string; name: string } = { id: DEFAULT_USER.id, name: "alice" }) {
  const id = `inert-${++n}`;
  await postSigned(
    charter.events,
    slashCommandBody({ text, user_id: user.id, user_name: user.name, response_url: api.responseUrl(id), trigger_id: newTriggerId() }),
    { secret: SIGNING_SECRET },
  );
  const answered = await api.waitFor("response_url", (c) => c.responseUrlId === id, 10_000);
  return JSON.stringify(answered.args);
}

/** Every mrkdwn string Slack would parse in a call: mrkdwn elements and a message's text. */
function mrkdwnOf(value: unknown, out: string[] = [], key = ""): string[] {
  if (typeof value === "string") {
    if (key === "text" || key === "initial_comment") out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => mrkdwnOf(v, out, key));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    // plain_text is shown as it is; a button's value is never shown.
    if (o.type === "plain_text") return out;
    for (const [k, v] of Object.entries(o)) if (k !== "value" && k !== "private_metadata") mrkdwnOf(v, out, k);
  }
  return out;
}

const SENDS = new Set([
  "files.completeUploadExternal",
  "chat.postMessage",
  "chat.postEphemeral",
  "chat.update",
  "response_url",
  "views.publish",
  "views.open",
  "views.update",
]);
/** Slack's live tokens in a mrkdwn string. */
const liveTokens = (text: string) => Array.from(text.matchAll(/<([^<>]*)>/g), (m) => m[1]!);

it("keeps every echo of person text inert while Charter's own mentions stay live", async () => {
  const name = "Apollo <!channel> <@U123> <https://evil.example|click> &lt;!here&gt; [x](https://evil.example)";
  expect(await pm(`project create "${name}" budget 10000 USD`)).toContain("Apollo");
  const { store } = charter.database;
  const project = (await store.projects.list(tenant)).find((p) => p.name.startsWith("Apollo"))!;
  // Stored as people see it: Slack's tokens as the words they show, typed characters decoded.
  expect(project.name).toBe("Apollo @channel @U123 click <!here> [x](https://evil.example)");

  await pm(`task add "${PAYLOAD}" <@${EVE.id}|eve> due 2026-03-30`);
  await pm(`cost add 120 USD travel "${PAYLOAD}"`);
  await pm(`milestone add "${PAYLOAD}" 2026-03-30`);
  await pm(`kpi add "${PAYLOAD}" target 95%`);
  await pm(`risk add "${PAYLOAD}" p5 i5 owner <@${EVE.id}|eve> mitigation "${PAYLOAD}"`);
  await api.waitFor("chat.postMessage", (c) => c.args.channel === DEFAULT_CHANNEL.id && JSON.stringify(c.args).includes("ritical"), 10_000);
  await pm(`change request "${PAYLOAD}" cost +100 USD reason "${PAYLOAD}" scope "${PAYLOAD}"`);
  const request = await api.waitFor(
    "chat.postMessage",
    (c) => c.args.channel === DEFAULT_CHANNEL.id && JSON.stringify(c.args).includes("Change request #1"),
    10_000,
  );
  await pm(`change ask #1 "${PAYLOAD}"`);
  expect(await pm(`change approve #1 "${PAYLOAD}"`)).toContain("pproved");
  // Eve's display name reaches Charter when she runs a command; the lists below show it.
  await pm("task list", { id: EVE.id, name: "eve" });
  for (const words of [
    "task list all",
    "task show #1",
    "cost list",
    "risk list",
    "risk show #1",
    "milestone list",
    "kpi list",
    "change show #1",
    "change list all",
    "project show",
    "report weekly",
    "report export csv",
  ])
    await pm(words);

  // A standup day with a blocker: the summary addresses the project manager.
  await pm("standup setup days mon-sun at 09:00 tz UTC");
  await pm(`standup answer yesterday "${PAYLOAD}" today "${PAYLOAD}" blockers "${PAYLOAD}"`);
  const schedule = (await store.standups.list(tenant, project.id))[0]!;
  const today = DateTime.utc().toISODate()!;
  const answers = await store.standups.answers(tenant, schedule.id, today);
  expect(answers).toHaveLength(1);
  const manager = (await store.members.get(tenant, project.managerId))!;
  const eve = (
    await store.members.getMany(tenant, (await store.tasks.list(tenant, project.id, {})).map((t) => t.assigneeId!).filter(Boolean))
  )[0]!;
  expect(eve.name).toBe(EVE.display);
  await outboxQueue(charter.database.db).enqueue(tenant, "slack", {
    channelId: DEFAULT_CHANNEL.id,
    kind: "standup-summary",
    dedupeKey: `inert-summary-${today}`,
    reply: standupSummary({
      projectName: project.name,
      localDate: today,
      manager,
      expected: [manager, eve],
      answers,
      members: new Map([manager, eve].map((m) => [m.id, m])),
    }),
  });
  const summary = await api.waitFor("chat.postMessage", (c) => JSON.stringify(c.args).includes("Standup summary"), 10_000);

  await postSigned(charter.events, eventBody({ event: appHomeOpenedEvent({ user: DEFAULT_USER.id }) }), { secret: SIGNING_SECRET });
  await api.waitFor("views.publish", undefined, 10_000);

  // Charter's own mentions are live: the approver on the request, the manager on the blockers.
  expect(mrkdwnOf(request.args).join("\n")).toContain(`<@${DEFAULT_USER.id}>, please decide`);
  expect(mrkdwnOf(summary.args).join("\n")).toMatch(new RegExp(`Blockers\\*? <@${DEFAULT_USER.id}>`));

  const sent: RecordedCall[] = api.calls.filter((c) => SENDS.has(c.method));
  expect(sent.length).toBeGreaterThan(25);
  const texts = sent.flatMap((c) => mrkdwnOf(c.args));
  const all = texts.join("\n");
  // Readable: what was written shows as text, Eve's display name too.
  expect(all).toContain("&lt;!channel&gt; &lt;https://evil.example|Reset&gt; [x](https://evil.example) &lt;@U123&gt; evil");
  expect(all).toContain("&lt;!channel&gt;");
  expect(all).toContain("[x](https://evil.example)");
  expect(all).toContain("@channel");
  // Live: only Charter's own mentions and channels, never one built from person text.
  for (const text of texts) {
    for (const token of liveTokens(text))
      expect([`@${DEFAULT_USER.id}`, `#${DEFAULT_CHANNEL.id}`], `${token} in ${text.slice(0, 200)}`).toContain(token);
    expect(text).not.toMatch(/[\uE000-\uE00F]/);
  }
});

it("decodes what Slack escapes into the text people typed, and typed mention syntax names no one", async () => {
  await pm('project create "Entities"');
  expect(await pm('task add Fix &lt;b&gt; &amp; co in "Entities"')).toContain("Fix &lt;b&gt; &amp; co");
  const { store } = charter.database;
  const project = (await store.projects.findByName(tenant, "Entities"))!;
  expect((await store.tasks.list(tenant, project.id, {})).map((t) => t.title)).toEqual(["Fix <b> & co"]);
  const refused = await pm('task assign #1 &lt;@U123&gt; in "Entities"');
  expect(refused).toContain("I didn't understand `&lt;@U123&gt;`");
  expect(liveTokens(mrkdwnOf(JSON.parse(refused)).join("\n"))).toEqual([]);
  expect((await store.tasks.list(tenant, project.id, {}))[0]?.assigneeId ?? null).toBeNull();
});
