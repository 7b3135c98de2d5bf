/**
 * The request builders produce what Bolt accepts as Slack's: signatures that
 * verify, bodies Bolt parses into the documented payloads.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { App, LogLevel, verifySlackRequest } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  eventBody,
  inputValue,
  interactivityBody,
  nowSeconds,
  postSigned,
  signSlackRequest,
  slashCommandBody,
  startSlackApi,
  viewSubmissionPayload,
  type SlackApi,
} from "../../support/slack/index.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

function verify(secret: string, body: string, headers: Record<string, string>): void {
  verifySlackRequest({
    signingSecret: secret,
    body,
    headers: {
      "x-slack-signature": headers["X-Slack-Signature"]!,
      "x-slack-request-timestamp": Number(headers["X-Slack-Request-Timestamp"]),
    },
  });
}

describe("signSlackRequest", () => {
  const body = slashCommandBody({ text: "status" });

  it("signs so that Bolt's verifySlackRequest accepts the request", () => {
    expect(() => verify(SECRET, body, { ...signSlackRequest(SECRET, body) })).not.toThrow();
  });

  it("matches Slack's documented example signature", () => {
    // From Slack's "Verifying requests from Slack" guide.
    const example =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", example, 1531420618)["X-Slack-Signature"]).toBe(
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    );
  });

  it("fails verification with a wrong secret or a stale timestamp", () => {
    expect(() => verify("another-secret-altogether", body, { ...signSlackRequest(SECRET, body) })).toThrow(/signature mismatch/);
    expect(() => verify(SECRET, body, { ...signSlackRequest(SECRET, body, nowSeconds() - 6 * 60) })).toThrow(/stale/);
    expect(() => verify(SECRET, `${body}&x=1`, { ...signSlackRequest(SECRET, body) })).toThrow(/signature mismatch/);
  });
});

describe("bodies", () => {
  it("form-encodes slash commands with every field Slack sends, in Slack's order", () => {
    const params = new URLSearchParams(
      slashCommandBody({
        command: "/pm",
        text: 'task add "Ship it" due:friday',
        response_url: "http://127.0.0.1:9/r",
        trigger_id: "1.2.3",
      }),
    );
    expect([...params.keys()]).toEqual([
      "token",
      "team_id",
      "team_domain",
      "channel_id",
      "channel_name",
      "user_id",
      "user_name",
      "command",
      "text",
      "api_app_id",
      "is_enterprise_install",
      "response_url",
      "trigger_id",
    ]);
    expect(params.get("text")).toBe('task add "Ship it" due:friday');
    expect(params.get("is_enterprise_install")).toBe("false");
    expect(slashCommandBody({ command: "/pm" })).toContain("command=%2Fpm");
  });

  it("adds the enterprise fields for Enterprise Grid workspaces", () => {
    const params = new URLSearchParams(slashCommandBody({ enterprise_id: "E0GRID0001", enterprise_name: "Grid Co" }));
    expect([...params.keys()].slice(2, 5)).toEqual(["team_domain", "enterprise_id", "enterprise_name"]);
  });

  it("wraps interactivity payloads as payload=<JSON>", () => {
    const payload = blockActionsPayload({ actions: [{ action_id: "run_command", value: "task list" }] });
    const body = interactivityBody(payload);
    expect(body.startsWith("payload=%7B%22type%22%3A%22block_actions%22")).toBe(true);
    expect(JSON.parse(new URLSearchParams(body).get("payload")!)).toEqual(payload);
    expect(payload).toMatchObject({
      type: "block_actions",
      team: { id: expect.stringMatching(/^T/), domain: "acme" },
      user: { id: expect.stringMatching(/^U/), username: "alice", name: "alice", team_id: expect.stringMatching(/^T/) },
      container: { type: "message", is_ephemeral: false },
      channel: { id: expect.stringMatching(/^C/), name: "general" },
      actions: [{ type: "button", action_id: "run_command", value: "task list", text: { type: "plain_text", text: "task list" } }],
    });
  });
});

describe("postSigned against a Bolt app", () => {
  let api: SlackApi;
  let app: App;
  afterEach(async () => {
    await app?.stop();
    await api?.close();
  });

  async function startApp(): Promise<string> {
    api = await startSlackApi();
    app = new App({ signingSecret: SECRET, token: "xoxb-1-2-3", logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: api.url } });
    app.command("/pm", async ({ ack, respond, command }) => {
      await ack();
      await respond({ response_type: "ephemeral", text: `You said: ${command.text}` });
    });
    app.view("task_form", async ({ ack, view }) => {
      const title = view.state.values.title?.value?.value;
      await ack(title ? undefined : { response_action: "errors", errors: { title: "A task needs a title" } });
    });
    app.event("app_mention", async ({ event, client }) => {
      await client.chat.postMessage({ channel: event.channel, text: "hello" });
    });
    const server = (await app.start(0)) as Server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  }

  it("delivers a slash command whose response_url post is recorded", async () => {
    const url = await startApp();
    const response = await postSigned(url, slashCommandBody({ text: "status Apollo", response_url: api.responseUrl("cmd") }), {
      secret: SECRET,
    });
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3000);
    const reply = await api.waitFor("response_url");
    expect(reply).toMatchObject({ responseUrlId: "cmd", args: { response_type: "ephemeral", text: "You said: status Apollo" } });
  });

  it("delivers a view submission and returns Bolt's response_action", async () => {
    const url = await startApp();
    const empty = viewSubmissionPayload({
      view: { callback_id: "task_form", state: { values: { title: { value: inputValue.text(null) } } } },
    });
    const refused = await postSigned(url, interactivityBody(empty), { secret: SECRET });
    expect(refused.json).toEqual({ response_action: "errors", errors: { title: "A task needs a title" } });

    const filled = viewSubmissionPayload({
      view: { callback_id: "task_form", state: { values: { title: { value: inputValue.text("Ship it") } } } },
    });
    const accepted = await postSigned(url, interactivityBody(filled), { secret: SECRET });
    expect(accepted).toMatchObject({ status: 200, body: "" });
  });

  it("delivers events, with retry headers passed through", async () => {
    const url = await startApp();
    const body = eventBody({
      event: { type: "app_mention", channel: "C0PROJECT1", user: "U0ALICE001", text: "<@U0BOTUSER1> hi", ts: "1.000001" },
    });
    const response = await postSigned(url, body, {
      secret: SECRET,
      headers: { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" },
    });
    expect(response.status).toBe(200);
    expect((await api.waitFor("chat.postMessage")).args).toMatchObject({ channel: "C0PROJECT1", text: "hello" });
  });

  it("is refused by Bolt with a wrong secret", async () => {
    const url = await startApp();
    const response = await postSigned(url, slashCommandBody(), { secret: "not-the-signing-secret" });
    expect(response.status).toBe(401);
  });
});
