/**
 * Slack's front door with requests that are signed but wrong: timestamps far
 * from now, payloads of the wrong shape, App Home buttons of a project
 * whose name tries to break out of its quotes, and a form (view submission)
 * delivered twice: saved once and answered alike, while a refused one is
 * checked again. Signed requests go through Bolt's real HTTP receiver on
 * Charter's server; Slack's Web API is the local fake.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  DEFAULT_CHANNEL,
  DEFAULT_TENANT,
  DEFAULT_USER,
  eventBody,
  interactivityBody,
  newTriggerId,
  nowSeconds,
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
  charter = await startCharterWithSlack({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
  });
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

const signed = (body: string, contentType?: string) =>
  postSigned(charter.events, body, { secret: SIGNING_SECRET, ...(contentType ? { contentType } : {}) });

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
            category: {
              category: { type: "static_select", selected_option: { text: { type: "plain_text", text: "equipment" }, value: "equipment" } },
            },
            note: { note: { type: "plain_text_input", value: note } },
          },
        },
      },
    }),
  );
}

describe("Slack request timestamps", () => {
  it("refuses timestamps more than 5 minutes away in either direction with 401, before any command runs", async () => {
    const before = (await costs()).length;
    for (const offset of [400, -400, 301, 3600 * 24]) {
      const sent = await pm("cost add 77 USD travel", nowSeconds() + offset);
      expect(sent.http.status, `offset ${offset}`).toBe(401);
    }
    const body = slashCommandBody({ text: "cost add 77 USD travel" });
    for (const stamp of ["", "soon", "1e12", "12.5"]) {
      const headers = { "X-Slack-Request-Timestamp": stamp };
      expect(
        (await postSigned(charter.events, body, { secret: SIGNING_SECRET, headers })).status,
        `timestamp ${JSON.stringify(stamp)}`,
      ).toBe(401);
    }
    await stillAnswers();
    expect((await costs()).length).toBe(before);
  });

  it("accepts a timestamp a little off either way", async () => {
    for (const offset of [-200, 200]) {
      const sent = await pm("cost list", nowSeconds() + offset);
      expect(sent.http.status).toBe(200);
      await sent.answer();
    }
  });
});

describe("signed payloads of the wrong shape", () => {
  it("answers a button press without a user with 400", async () => {
    const payload = blockActionsPayload({ actions: [{ action_id: "charter_run_0", value: "cost add 9999 USD labour" }] });
    delete payload.user;
    const before = (await costs()).length;
    expect((await signed(interactivityBody(payload))).status).toBe(400);
    expect((await signed(interactivityBody({ ...payload, user: "U0ALICE" }))).status).toBe(400);
    await stillAnswers();
    expect((await costs()).length).toBe(before);
  });

  it("answers an event body that is not an object with 400", async () => {
    for (const body of ['"app_mention"', "[1,2]", "42", "true"]) {
      expect((await signed(body, "application/json")).status, body).toBe(400);
    }
    for (const payload of ['"block_actions"', "[]", "7"]) {
      expect((await signed(`payload=${encodeURIComponent(payload)}`)).status, payload).toBe(400);
    }
    // An event callback whose event is not an object.
    const broken = JSON.parse(
      eventBody({ event: { type: "app_mention", user: DEFAULT_USER.id, channel: DEFAULT_CHANNEL.id, text: "help", ts: "1.2" } }),
    ) as Record<string, unknown>;
    expect((await signed(JSON.stringify({ ...broken, event: "app_mention" }))).status).toBe(400);
    await stillAnswers();
  });

  it("answers a form submission with a value that is not a string with 400, and saves nothing", async () => {
    const before = (await costs()).length;
    for (const amount of [250, { amount: 250 }, ["250"], true]) {
      expect((await signed(costSubmission("V0NOTSTRING", amount))).status, JSON.stringify(amount)).toBe(400);
    }
    await stillAnswers();
    expect((await costs()).length).toBe(before);
  });

  it("answers an interactive payload of a type Charter does not take with a fast 404", async () => {
    const payload = { ...blockActionsPayload({ actions: [{ action_id: "charter_run_0", value: "help" }] }), type: "mystery_action" };
    const answer = await signed(interactivityBody(payload));
    expect(answer.status).toBe(404);
    expect(answer.elapsedMs).toBeLessThan(1000);
  });
});

describe("App Home buttons of a project with a hostile name", () => {
  it("open the form for that project for another member, and log nothing", async () => {
    const name = 'Apollo" 9999 USD labour "oops';
    const created = await pm('project create "Apollo\\" 9999 USD labour \\"oops"');
    expect(JSON.stringify((await created.answer()).args)).toContain("Created project");
    const project = (await charter.database.store.projects.findByName(tenant, name))!;
    expect(project).not.toBeNull();

    const bob = { id: "U0BOB00001", name: "bob" };
    const home = eventBody({ event: { type: "app_home_opened", user: bob.id, channel: "D0BOB00001", tab: "home" } });
    expect((await signed(home)).status).toBe(200);
    const published = await api.waitFor("views.publish", (c) => c.args.user_id === bob.id);
    const buttons: { text: { text: string }; value: string; action_id: string }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        const o = node as Record<string, unknown>;
        if (o.type === "button") buttons.push(o as never);
        Object.values(o).forEach(walk);
      }
    };
    walk(published.args.view);
    const logCost = buttons.find((b) => b.text.text === "Log a cost" && b.value.includes("oops"));
    expect(logCost).toBeDefined();

    const triggerId = newTriggerId();
    const press = blockActionsPayload({
      user: bob,
      trigger_id: triggerId,
      actions: [{ action_id: logCost!.action_id, value: logCost!.value }],
    });
    expect((await signed(interactivityBody(press))).status).toBe(200);
    const opened = await api.waitFor("views.open", (c) => c.args.trigger_id === triggerId);
    expect(JSON.stringify(opened.args.view)).toContain("oops");
    expect(await charter.database.store.costs.list(tenant, project.id)).toEqual([]);
  });
});

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
