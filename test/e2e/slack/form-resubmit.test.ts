/**
 * A Slack form (view submission) delivered twice: saved once and answered
 * alike, while a refused one is checked again. Signed requests go through
 * Bolt's real HTTP receiver on Charter's server; Slack's Web API is the
 * local fake.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_CHANNEL,
  DEFAULT_TENANT,
  DEFAULT_USER,
  interactivityBody,
  newTriggerId,
  postSigned,
  slashCommandBody,
  startSlackApi,
  viewSubmissionPayload,
  type SlackApi,
} from "../../support/slack/index.js";
import { encodeFormMetadata } from "../../../src/adapters/slack/form-metadata.js";
import { FORM_CALLBACK_ID } from "../../../src/adapters/slack/render/index.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

let api: SlackApi;
let charter: RunningCharter;
let n = 0;
const tenant = DEFAULT_TENANT;

beforeAll(async () => {
  api = await startSlackApi({ users: { [DEFAULT_USER.id]: { name: "alice", tz: "Europe/Berlin" } } });
  charter = await startCharterWithSlack({ SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.url });
  const created = await pm('project create "Apollo" budget 10000 USD');
  await created.answer();
});
afterAll(async () => {
  await charter?.stop();
  await api?.close();
});

async function pm(text: string, timestamp?: number) {
  const id = `b${++n}`;
  const body = slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: newTriggerId() });
  const http = await postSigned(charter.events, body, { secret: SIGNING_SECRET, ...(timestamp !== undefined ? { timestamp } : {}) });
  return { http, id, answer: () => api.waitFor("response_url", (c) => c.responseUrlId === id) };
}

const signed = (body: string, contentType?: string) => postSigned(charter.events, body, { secret: SIGNING_SECRET, ...(contentType ? { contentType } : {}) });

async function costs() {
  const project = (await charter.database.store.projects.findByName(tenant, "Apollo"))!;
  return charter.database.store.costs.list(tenant, project.id);
}

/** Charter still answers a command after whatever came before. */
async function stillAnswers() {
  const after = await pm("budget");
  expect(after.http.status).toBe(200);
  expect((await after.answer()).args).toMatchObject({ response_type: "ephemeral" });
}

/** A cost form's submission as Slack posts it; the same view id and values each time it is called with the same arguments. */
function costSubmission(viewId: string, amount: unknown, note = "Standing desk") {
  return interactivityBody(
    viewSubmissionPayload({
      view: {
        id: viewId,
        hash: "1767225600.abcd1234",
        callback_id: FORM_CALLBACK_ID,
        private_metadata: encodeFormMetadata({ command: "cost add", channelId: DEFAULT_CHANNEL.id }),
        state: {
          values: {
            amount: { amount: { type: "plain_text_input", value: amount } },
            category: { category: { type: "static_select", selected_option: { text: { type: "plain_text", text: "equipment" }, value: "equipment" } } },
            note: { note: { type: "plain_text_input", value: note } },
          },
        },
      },
    }),
  );
}

describe("a form submitted twice", () => {
  it("saves one cost when Slack delivers the same view submission again, and answers both alike", async () => {
    const before = (await costs()).length;
    const posted = () => api.calls.filter((c) => JSON.stringify(c.args).includes("Standing desk")).length;
    const first = await signed(costSubmission("V0TWICE0001", "480"));
    expect(first.status).toBe(200);
    expect(first.json ?? {}).not.toHaveProperty("response_action");
    await api.waitFor("chat.postEphemeral", (c) => JSON.stringify(c.args).includes("Standing desk"));
    const second = await signed(costSubmission("V0TWICE0001", "480"));
    expect(second.status).toBe(200);
    expect(second.json ?? {}).not.toHaveProperty("response_action");
    await stillAnswers();
    expect((await costs()).length).toBe(before + 1);
    expect(posted()).toBe(1);

    // Other values in the same view are a new submission (the first was refused, say): saved.
    const changed = await signed(costSubmission("V0TWICE0001", "480", "Monitor arm"));
    expect(changed.status).toBe(200);
    expect((await costs()).length).toBe(before + 2);
  });

  it("checks a refused submission again when it comes again, and still saves nothing", async () => {
    const before = (await costs()).length;
    const first = await signed(costSubmission("V0REFUSED01", "lots"));
    expect(first.json).toMatchObject({ response_action: "errors", errors: { amount: expect.stringContaining("not an amount") } });
    const second = await signed(costSubmission("V0REFUSED01", "lots"));
    expect(second.json).toEqual(first.json);
    expect((await costs()).length).toBe(before);
  });
});
