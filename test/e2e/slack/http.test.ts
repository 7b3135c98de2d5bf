/**
 * Slack over HTTP, end to end: signed requests in Slack's exact formats go
 * through Bolt's real HTTP receiver on Charter's server; Slack's Web API is a
 * local server that records every call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  DEFAULT_BOT,
  DEFAULT_CHANNEL,
  DEFAULT_TEAM,
  DEFAULT_TENANT,
  DEFAULT_USER,
  eventBody,
  httpFailure,
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
let n = 0;

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

/** Sends `/pm <text>` and returns the HTTP answer and the response_url post it led to. */
async function pm(text: string, extra: { headers?: Record<string, string>; triggerId?: string } = {}) {
  const id = `r${++n}`;
  const body = slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: extra.triggerId ?? newTriggerId() });
  const http = await postSigned(charter.events, body, { secret: SIGNING_SECRET, ...(extra.headers ? { headers: extra.headers } : {}) });
  return { http, body, id, answer: () => api.waitFor("response_url", (c) => c.responseUrlId === id) };
}

const textOf = (args: unknown) => JSON.stringify(args);

async function costCount() {
  const project = await charter.database.store.projects.findByName(tenant, "Apollo");
  return project ? (await charter.database.store.costs.totals(tenant, project.id)).count : 0;
}

describe("Slack over HTTP", () => {
  it("creates a project from /pm and announces it in the channel", async () => {
    const created = await pm('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27');
    expect(created.http.status).toBe(200);
    const answer = await created.answer();
    expect(answer.args).toMatchObject({ response_type: "in_channel" });
    expect(textOf(answer.args)).toContain("Apollo");
    const project = await charter.database.store.projects.forChannel(tenant, DEFAULT_CHANNEL.id);
    expect(project?.name).toBe("Apollo");
    const manager = await charter.database.store.members.get(tenant, project!.managerId);
    expect(manager).toMatchObject({ platformUserId: DEFAULT_USER.id, name: "alice", timeZone: "Europe/Berlin" });
  });

  it("acks /pm cost add well inside 3 s, records the cost once and answers", async () => {
    const before = await costCount();
    const sent = await pm('cost add 250 USD software "Figma"');
    expect(sent.http.status).toBe(200);
    expect(sent.http.elapsedMs).toBeLessThan(3000);
    const answer = await sent.answer();
    expect(textOf(answer.args)).toContain("$250.00");
    expect(await costCount()).toBe(before + 1);

    // Slack's retry of the same invocation carries the same trigger_id: nothing new is recorded.
    const retry = await postSigned(charter.events, sent.body, {
      secret: SIGNING_SECRET,
      headers: { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    const later = await pm("cost list");
    await later.answer();
    expect(await costCount()).toBe(before + 1);
    expect(api.calls.filter((c) => c.responseUrlId === sent.id)).toHaveLength(1);
  });

  it("says which cost was saved when answering fails after the write, instead of 'nothing was saved'", async () => {
    const before = await costCount();
    // The first post of the answer to response_url fails: the cost is committed by then.
    const restore = api.respondWith("response_url", () => httpFailure(500, "Internal Server Error"), { times: 1 });
    try {
      const sent = await pm('cost add 75 USD travel "Taxi"');
      const answer = await sent.answer();
      const failed = await api.waitFor("response_url", (c) => c.responseUrlId === sent.id && c !== answer);
      expect(textOf(failed.args)).toMatch(/Cost #\d+ was saved, but Charter failed while answering/);
      expect(textOf(failed.args)).not.toMatch(/nothing was saved/i);
    } finally {
      restore();
    }
    expect(await costCount()).toBe(before + 1);
  });

  it("refuses a bad signature and a 6-minute-old timestamp with 401, recording nothing", async () => {
    const before = await costCount();
    const body = slashCommandBody({ text: "cost add 99 USD travel", response_url: api.responseUrl("forged") });
    const forged = await postSigned(charter.events, body, { secret: "not-the-signing-secret" });
    expect(forged.status).toBe(401);
    const stale = await postSigned(charter.events, body, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const later = await pm("budget");
    await later.answer();
    expect(await costCount()).toBe(before);
    expect(api.calls.filter((c) => c.responseUrlId === "forged")).toHaveLength(0);
  });

  it("refuses a signed body that parses to null with 400, and keeps answering", async () => {
    const asJson = await postSigned(charter.events, "null", { secret: SIGNING_SECRET, contentType: "application/json" });
    expect(asJson.status).toBe(400);
    const asPayload = await postSigned(charter.events, "payload=null", {
      secret: SIGNING_SECRET,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(asPayload.status).toBe(400);
    const after = await (await pm("budget")).answer();
    expect(after.args).toMatchObject({ response_type: "ephemeral" });
  });

  it("answers bad input privately with the reason and an example", async () => {
    const answer = await (await pm("cost add abc USD labour")).answer();
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect(textOf(answer.args)).toContain("is not an amount");
  });

  it("opens the form for /pm risk add, shows field errors, and creates the risk from a valid submission", async () => {
    const triggerId = newTriggerId();
    await pm("risk add", { triggerId });
    const opened = await api.waitFor("views.open", (c) => c.args.trigger_id === triggerId);
    const view = opened.args.view as {
      type: string;
      callback_id: string;
      private_metadata: string;
      blocks: { type: string; block_id?: string }[];
    };
    expect(view.type).toBe("modal");
    const inputs = view.blocks.filter((b) => b.type === "input").map((b) => b.block_id);
    expect(inputs).toEqual(expect.arrayContaining(["title", "probability", "impact"]));

    const submit = (probability: string) =>
      postSigned(
        charter.events,
        interactivityBody(
          viewSubmissionPayload({
            view: {
              callback_id: view.callback_id,
              private_metadata: view.private_metadata,
              state: {
                values: {
                  title: { title: { type: "plain_text_input", value: "Vendor delivers late" } },
                  probability: {
                    probability: {
                      type: "static_select",
                      selected_option: { text: { type: "plain_text", text: probability }, value: probability },
                    },
                  },
                  impact: { impact: { type: "static_select", selected_option: { text: { type: "plain_text", text: "5" }, value: "5" } } },
                },
              },
            },
          }),
        ),
        { secret: SIGNING_SECRET },
      );

    const invalid = await submit("9");
    expect(invalid.status).toBe(200);
    expect(invalid.json).toMatchObject({ response_action: "errors", errors: { probability: expect.any(String) } });
    const project = (await charter.database.store.projects.findByName(tenant, "Apollo"))!;
    expect(await charter.database.store.risks.list(tenant, project.id)).toHaveLength(0);

    const valid = await submit("3");
    expect(valid.status).toBe(200);
    expect(valid.json ?? {}).not.toHaveProperty("response_action");
    const risks = await charter.database.store.risks.list(tenant, project.id);
    expect(risks.map((r) => [r.title, r.probability, r.impact])).toEqual([["Vendor delivers late", 3, 5]]);
    // Score 15 is critical: the team hears about it in the channel.
    const posted = await api.waitFor("chat.postMessage", (c) => textOf(c.args).includes("Vendor delivers late"));
    expect(posted.args.channel).toBe(DEFAULT_CHANNEL.id);
  });

  it("runs a button's command when it is pressed", async () => {
    await (await pm("task add Write the runbook")).answer();
    const responseUrl = api.responseUrl("button");
    const press = await postSigned(
      charter.events,
      interactivityBody(
        blockActionsPayload({
          actions: [{ action_id: "charter_run_0", value: "task done #1", type: "button" }],
          response_url: responseUrl,
        }),
      ),
      { secret: SIGNING_SECRET },
    );
    expect(press.status).toBe(200);
    const answer = await api.waitFor("response_url", (c) => c.responseUrlId === "button");
    expect(textOf(answer.args)).toContain("Write the runbook");
    const project = (await charter.database.store.projects.findByName(tenant, "Apollo"))!;
    expect((await charter.database.store.tasks.byNumber(tenant, project.id, 1))?.status).toBe("done");
  });

  it("answers @Charter mentions in the thread, once per event even when Slack redelivers it", async () => {
    const event = eventBody({
      event_id: "Ev0MENTION01",
      event: {
        type: "app_mention",
        user: DEFAULT_USER.id,
        channel: DEFAULT_CHANNEL.id,
        text: `<@${DEFAULT_BOT.userId}> task add Book the venue`,
        ts: "1767225600.000100",
      },
    });
    expect((await postSigned(charter.events, event, { secret: SIGNING_SECRET })).status).toBe(200);
    const posted = await api.waitFor("chat.postMessage", (c) => textOf(c.args).includes("Book the venue"));
    expect(posted.args.thread_ts).toBe("1767225600.000100");
    await postSigned(charter.events, event, {
      secret: SIGNING_SECRET,
      headers: { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error" },
    });
    await (await pm("task list all")).answer();
    const project = (await charter.database.store.projects.findByName(tenant, "Apollo"))!;
    expect((await charter.database.store.tasks.list(tenant, project.id)).filter((t) => t.title === "Book the venue")).toHaveLength(1);
  });

  it("publishes App Home with the member's tasks and budgets", async () => {
    await (await pm(`task add Sign the contract <@${DEFAULT_USER.id}|alice>`)).answer();
    const event = eventBody({
      event_id: "Ev0HOME0001",
      event: { type: "app_home_opened", user: DEFAULT_USER.id, channel: "D0ALICE001", tab: "home" },
    });
    expect((await postSigned(charter.events, event, { secret: SIGNING_SECRET })).status).toBe(200);
    const published = await api.waitFor("views.publish", (c) => c.args.user_id === DEFAULT_USER.id);
    const home = textOf(published.args.view);
    expect(home).toContain("Sign the contract");
    expect(home).toContain("Apollo");
  });

  it("introduces itself when added to a channel", async () => {
    const event = eventBody({
      event_id: "Ev0JOINED01",
      event: { type: "member_joined_channel", user: DEFAULT_BOT.userId, channel: "C0NEWCHAN1", channel_type: "C", team: DEFAULT_TEAM.id },
    });
    expect((await postSigned(charter.events, event, { secret: SIGNING_SECRET })).status).toBe(200);
    const hello = await api.waitFor("chat.postMessage", (c) => c.args.channel === "C0NEWCHAN1");
    expect(textOf(hello.args)).toContain("project link");
  });
});
