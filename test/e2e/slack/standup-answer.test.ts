/**
 * A standup answered from Slack, end to end: the DM prompt's Answer button
 * opens a modal labelled with the schedule's questions, and its submission
 * stores the answer and confirms it to the person by DM.
 */
import { DateTime } from "luxon";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  blockActionsPayload,
  DEFAULT_CHANNEL,
  DEFAULT_TENANT,
  DEFAULT_USER,
  inputValue,
  interactivityBody,
  newTriggerId,
  postSigned,
  slashCommandBody,
  startSlackApi,
  viewSubmissionPayload,
  type SlackApi,
} from "../../support/slack/index.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

let api: SlackApi;
let charter: RunningCharter;

beforeAll(async () => {
  api = await startSlackApi({ users: { [DEFAULT_USER.id]: { name: "alice", tz: "Europe/Berlin" } } });
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
const QUESTIONS = ["What did you finish?", "What is next?", "Anything in your way?"];
/** Alice's DM with the bot, where the prompt arrives and the button is pressed. */
const DM = { id: `D${DEFAULT_USER.id.slice(1)}`, name: "directmessage" };

type ViewBlock = { type: string; block_id?: string; label?: { text: string }; element?: { action_id: string; initial_value?: string } };

async function pm(text: string) {
  const id = `standup-${text}`;
  await postSigned(charter.events, slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: newTriggerId() }), {
    secret: SIGNING_SECRET,
  });
  return api.waitFor("response_url", (c) => c.responseUrlId === id);
}

/** Presses a button of the DM prompt and returns the modal it opened. */
async function press(button: { action_id: string; value: string }) {
  const triggerId = newTriggerId();
  const payload = blockActionsPayload({
    channel: DM,
    trigger_id: triggerId,
    actions: [{ ...button, text: "Answer" }],
    response_url: api.responseUrl(`press-${triggerId}`),
  });
  expect((await postSigned(charter.events, interactivityBody(payload), { secret: SIGNING_SECRET })).status).toBe(200);
  const opened = await api.waitFor("views.open", (c) => c.args.trigger_id === triggerId);
  return opened.args.view as { callback_id: string; private_metadata: string; blocks: ViewBlock[] };
}

it("opens the answer form from the DM prompt's button, stores the submitted answer and confirms it by DM", async () => {
  await pm('project create "Apollo"');
  const { store } = charter.database;
  const project = (await store.projects.findByName(tenant, "Apollo"))!;
  const alice = (await store.members.get(tenant, project.managerId))!;
  const schedule = await store.standups.setup({ tenantId: tenant, actorId: alice.id }, project.id, DEFAULT_CHANNEL.id, {
    platform: "slack",
    days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    time: "09:00",
    timeZone: "Europe/Berlin",
    participants: [alice.id],
    questions: QUESTIONS,
  });
  await pm("standup now");

  // The prompt reaches alice by DM through the outbox, with a button that names the project.
  const prompt = await api.waitFor("chat.postMessage", (c) => c.args.channel === DEFAULT_USER.id, 10_000);
  const buttons = (
    prompt.args.blocks as { type: string; elements?: { type: string; action_id: string; value: string; text: { text: string } }[] }[]
  )
    .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
    .filter((e) => e.text.text === "Answer");
  expect(buttons.map((b) => b.value)).toEqual(['standup answer in "Apollo"']);
  const button = { action_id: buttons[0]!.action_id, value: buttons[0]!.value };
  // The channel gets the day's thread, which the summary will go under.
  await api.waitFor(
    "chat.postMessage",
    (c) => c.args.channel === DEFAULT_CHANNEL.id && JSON.stringify(c.args).includes("participants were asked by direct message"),
    10_000,
  );

  const view = await press(button);
  const inputs = view.blocks.filter((b) => b.type === "input");
  expect(inputs.map((b) => [b.block_id, b.label?.text])).toEqual([
    ["yesterday", QUESTIONS[0]],
    ["today", QUESTIONS[1]],
    ["blockers", QUESTIONS[2]],
  ]);

  const submitted = await postSigned(
    charter.events,
    interactivityBody(
      viewSubmissionPayload({
        view: {
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: {
            values: {
              yesterday: { yesterday: inputValue.text("Login form") },
              today: { today: inputValue.text("Password reset") },
              blockers: { blockers: inputValue.text("Waiting for staging") },
            },
          },
        },
      }),
    ),
    { secret: SIGNING_SECRET },
  );
  expect(submitted.status).toBe(200);
  expect(submitted.json ?? {}).not.toHaveProperty("response_action");

  const today = DateTime.now().setZone("Europe/Berlin").toISODate()!;
  expect(await store.standups.answers(tenant, schedule.id, today)).toEqual([
    { memberId: alice.id, yesterday: "Login form", today: "Password reset", blockers: "Waiting for staging", answeredAt: expect.any(Date) },
  ]);
  const confirmation = await api.waitFor(
    "chat.postMessage",
    (c) => c.args.channel === DM.id && JSON.stringify(c.args).includes("is saved"),
  );
  expect(JSON.stringify(confirmation.args)).toContain(today);

  // Pressed again, the form shows today's answer to change.
  const again = await press(button);
  expect(again.blocks.filter((b) => b.type === "input").map((b) => b.element?.initial_value)).toEqual([
    "Login form",
    "Password reset",
    "Waiting for staging",
  ]);
});
