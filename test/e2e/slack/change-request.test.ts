/**
 * A change request decided from Slack, end to end: the request reaches the
 * project channel through the outbox with Approve / Reject / Ask for detail
 * buttons addressed to the approvers; a press by someone who is not an
 * approver gets a private refusal and changes nothing, a press by the
 * project manager approves it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  blockActionsPayload,
  DEFAULT_CHANNEL,
  DEFAULT_TENANT,
  DEFAULT_USER,
  interactivityBody,
  newTriggerId,
  postSigned,
  slashCommandBody,
  startSlackApi,
  type SlackApi,
} from "../../support/slack/index.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

let api: SlackApi;
let charter: RunningCharter;

const BOB = { id: "U0BOB00001", name: "bob" };

beforeAll(async () => {
  api = await startSlackApi({
    users: { [DEFAULT_USER.id]: { name: "alice", tz: "Europe/Berlin" }, [BOB.id]: { name: "bob", tz: "Europe/Berlin" } },
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
const textOf = (args: unknown) => JSON.stringify(args);

async function pm(text: string) {
  const id = `change-${text}`;
  await postSigned(charter.events, slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: newTriggerId() }), {
    secret: SIGNING_SECRET,
  });
  return api.waitFor("response_url", (c) => c.responseUrlId === id);
}

type Element = { type: string; action_id: string; value: string; text: { text: string } };

/** Presses a button of the channel message as `user`; returns what Slack's response_url received. */
async function press(button: Element, user: { id: string; name: string }) {
  const id = `press-${user.id}-${newTriggerId()}`;
  const payload = blockActionsPayload({
    user: { id: user.id, username: user.name },
    actions: [{ action_id: button.action_id, value: button.value, text: button.text.text }],
    response_url: api.responseUrl(id),
  });
  expect((await postSigned(charter.events, interactivityBody(payload), { secret: SIGNING_SECRET })).status).toBe(200);
  return api.waitFor("response_url", (c) => c.responseUrlId === id);
}

it("refuses a non-approver's Approve press privately and changes nothing; the manager's press approves", async () => {
  await pm('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27');
  const raised = await pm('change request "Single sign-on" cost +2500 USD schedule +5d');
  expect(raised.args).toMatchObject({ response_type: "ephemeral" });
  expect(textOf(raised.args)).toContain("Recorded change request #1");

  // The request reaches the project channel with the approver mentioned and the three buttons.
  const posted = await api.waitFor(
    "chat.postMessage",
    (c) => c.args.channel === DEFAULT_CHANNEL.id && textOf(c.args).includes("Change request #1"),
    10_000,
  );
  expect(textOf(posted.args)).toContain(`<@${DEFAULT_USER.id}>, please decide`);
  const buttons = (posted.args.blocks as { type: string; elements?: Element[] }[]).flatMap((b) =>
    b.type === "actions" ? (b.elements ?? []) : [],
  );
  expect(buttons.map((b) => [b.text.text, b.value])).toEqual([
    ["Approve", 'change approve #1 in "Apollo"'],
    ["Reject", 'change reject #1 in "Apollo"'],
    ["Ask for detail", 'change ask #1 in "Apollo"'],
  ]);
  const approve = buttons[0]!;

  const { store } = charter.database;
  const project = (await store.projects.findByName(tenant, "Apollo"))!;
  const auditBefore = (await store.audit.list(tenant, { limit: 1000 })).length;

  const refused = await press(approve, BOB);
  expect(refused.args).toMatchObject({ response_type: "ephemeral" });
  expect(textOf(refused.args)).toContain("Only approvers can decide on change requests: @alice.");
  expect(await store.changes.byNumber(tenant, project.id, 1)).toMatchObject({ status: "open", decisions: [] });
  expect((await store.projects.get(tenant, project.id))?.budgetTotal).toBe(1_000_000n);
  expect((await store.audit.list(tenant, { limit: 1000 })).length).toBe(auditBefore);

  const approved = await press(approve, { id: DEFAULT_USER.id, name: "alice" });
  expect(textOf(approved.args)).toContain("You approved change request #1 Single sign-on.");
  expect((await store.changes.byNumber(tenant, project.id, 1))?.status).toBe("approved");
  const after = (await store.projects.get(tenant, project.id))!;
  expect([after.budgetTotal, after.endDate]).toEqual([1_250_000n, "2026-04-01"]);
  const outcome = await api.waitFor(
    "chat.postMessage",
    (c) => c.args.channel === DEFAULT_CHANNEL.id && textOf(c.args).includes("Change request #1 approved"),
    10_000,
  );
  expect(textOf(outcome.args)).toContain("Approved by @alice.");
});
