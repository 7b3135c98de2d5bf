/**
 * The local Slack Web API as the real @slack/web-api client sees it.
 */
import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_TEAM,
  httpFailure,
  newTriggerId,
  rateLimited,
  recordingSlackLogger,
  startSlackApi,
  type SlackApi,
} from "../../support/slack/index.js";

const BOT_TOKEN = "xoxb-1-2-abc";
/** No retries, so a failing call fails at once; the SDK's error logs are kept, not printed. */
const quick = { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: recordingSlackLogger() };

let api: SlackApi;
afterEach(async () => {
  await api?.close();
});

async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError["data"]> {
  const err = (await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e,
  )) as WebAPIPlatformError;
  expect(err.code).toBe(ErrorCode.PlatformError);
  return err.data;
}

describe("Web API methods", () => {
  beforeEach(async () => {
    api = await startSlackApi({
      users: { U0BOB00001: { name: "bob", real_name: "Bob Builder", display_name: "bobby", tz: "America/New_York" } },
    });
  });

  it("serves slackApiUrl with the trailing slash the WebClient expects", () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it("records chat.postMessage with the bearer token and the blocks decoded", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Budget* 12 000 €" } }];
    const result = await client.chat.postMessage({ channel: "C0PROJECT1", text: "Budget 12 000 €", blocks });

    expect(result.ok).toBe(true);
    expect(result.channel).toBe("C0PROJECT1");
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.message?.blocks).toEqual(blocks);
    const [call] = api.callsTo("chat.postMessage");
    expect(call?.token).toBe(BOT_TOKEN);
    expect(call?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(call?.args).toMatchObject({ channel: "C0PROJECT1", text: "Budget 12 000 €", blocks });
    expect(api.workspace.messages).toHaveLength(1);
  });

  it("opens the DM when a message is posted to a user id", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const result = await client.chat.postMessage({ channel: "U0BOB00001", text: "hi" });
    expect(result.channel).toBe("D0BOB00001");
  });

  it("answers users.info with configured users and plausible defaults", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const bob = await client.users.info({ user: "U0BOB00001" });
    expect(bob.user).toMatchObject({
      id: "U0BOB00001",
      name: "bob",
      real_name: "Bob Builder",
      tz: "America/New_York",
      profile: { display_name: "bobby" },
    });
    expect([-5 * 3600, -4 * 3600]).toContain(bob.user?.tz_offset);

    const someone = await client.users.info({ user: "U0SOMEONE1" });
    expect(someone.user).toMatchObject({ id: "U0SOMEONE1", tz: "Europe/Berlin", team_id: DEFAULT_TEAM.id });
    expect([3600, 7200]).toContain(someone.user?.tz_offset);
  });

  it("opens, updates and pushes views, keeping hashes and ids consistent", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const view = {
      type: "modal" as const,
      callback_id: "task_form",
      private_metadata: '{"command":"task add"}',
      title: { type: "plain_text" as const, text: "New task" },
      submit: { type: "plain_text" as const, text: "Add" },
      blocks: [
        {
          type: "input",
          block_id: "title",
          label: { type: "plain_text", text: "Title" },
          element: { type: "plain_text_input", action_id: "value" },
        },
      ],
    };
    const opened = await client.views.open({ trigger_id: "123.456.abc", view });
    expect(opened.view).toMatchObject({
      type: "modal",
      callback_id: "task_form",
      private_metadata: view.private_metadata,
      state: { values: {} },
    });
    expect(opened.view?.id).toMatch(/^V/);
    expect(api.callsTo("views.open")[0]?.args.view).toEqual(view);

    const updated = await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(await platformError(client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view }))).toMatchObject({
      error: "hash_conflict",
    });

    const pushed = await client.views.push({ trigger_id: "123.456.def", view });
    expect(pushed.view).toMatchObject({ root_view_id: opened.view?.id, previous_view_id: opened.view?.id });
    const second = await client.views.push({ trigger_id: "123.456.ghi", view });
    expect(second.view?.previous_view_id).toBe(pushed.view?.id);
    const quiet = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    expect(await platformError(quiet.views.push({ trigger_id: "123.456.jkl", view }))).toMatchObject({ error: "push_limit_reached" });
  });

  it("refuses views over Slack's limits the way Slack does", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    const data = await platformError(
      client.views.open({
        trigger_id: "1.2.3",
        view: { type: "modal", title: { type: "plain_text", text: "A title longer than 24 chars" }, blocks: [] },
      }),
    );
    expect(data.error).toBe("invalid_arguments");
    expect(data.response_metadata?.messages).toEqual(["[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"]);

    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(await platformError(client.chat.postMessage({ channel: "C1", text: "x", blocks: tooMany }))).toMatchObject({
      error: "invalid_blocks",
      errors: ["no more than 50 items allowed [json-pointer:/blocks]"],
    });
  });

  it("answers oauth.v2.access for a prepared install, and the issued token then passes auth.test", async () => {
    await api.close();
    api = await startSlackApi({
      tokens: [BOT_TOKEN],
      oauth: {
        clientId: "111.222",
        clientSecret: "s3cret",
        installs: { "code-1": { team: { id: "T0OTHER001", name: "Other Co" }, bot_user_id: "U0OTHERBOT" } },
      },
    });
    const noToken = new WebClient(undefined, { slackApiUrl: api.url, ...quick });
    const install = await noToken.oauth.v2.access({ client_id: "111.222", client_secret: "s3cret", code: "code-1" });
    expect(install).toMatchObject({
      ok: true,
      token_type: "bot",
      bot_user_id: "U0OTHERBOT",
      team: { id: "T0OTHER001", name: "Other Co" },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: expect.any(String) },
    });
    expect(install.access_token).toMatch(/^xoxb-\d+-\d+-[0-9a-f]+$/);
    expect(install.scope).toContain("commands");

    const who = await new WebClient(install.access_token, { slackApiUrl: api.url }).auth.test();
    expect(who).toMatchObject({
      team_id: "T0OTHER001",
      user_id: "U0OTHERBOT",
      bot_id: expect.stringMatching(/^B/),
      is_enterprise_install: false,
    });

    expect(await platformError(noToken.oauth.v2.access({ client_id: "111.222", client_secret: "s3cret", code: "code-1" }))).toMatchObject({
      error: "invalid_code",
    });
    expect(await platformError(noToken.oauth.v2.access({ client_id: "111.222", client_secret: "wrong", code: "code-2" }))).toMatchObject({
      error: "bad_client_secret",
    });
  });

  it("enforces the trigger_id lifetime and single use when asked to", async () => {
    await api.close();
    api = await startSlackApi({ triggerTtlMs: 3000 });
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "Form" }, blocks: [] };
    const fresh = newTriggerId();
    expect((await client.views.open({ trigger_id: fresh, view })).ok).toBe(true);
    expect(await platformError(client.views.open({ trigger_id: fresh, view }))).toMatchObject({ error: "trigger_exchanged" });
    expect(await platformError(client.views.open({ trigger_id: newTriggerId(Date.now() - 3500), view }))).toMatchObject({
      error: "expired_trigger_id",
    });
  });

  it("publishes the Home tab per user", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const first = await client.views.publish({ user_id: "U0ALICE001", view: { type: "home", blocks: [] } });
    const second = await client.views.publish({
      user_id: "U0ALICE001",
      view: { type: "home", blocks: [{ type: "divider" }] },
      hash: first.view!.hash!,
    });
    expect(second.view).toMatchObject({ id: first.view?.id, type: "home", blocks: [{ type: "divider" }] });
  });

  it("answers conversations.info and refuses ephemerals to users outside a channel", async () => {
    await api.close();
    api = await startSlackApi({ channels: { C0PROJECT1: { name: "proj-apollo", is_private: true, members: ["U0ALICE001"] } } });
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    expect((await client.conversations.info({ channel: "C0PROJECT1" })).channel).toMatchObject({
      id: "C0PROJECT1",
      name: "proj-apollo",
      is_private: true,
      is_member: true,
    });
    expect((await client.chat.postEphemeral({ channel: "C0PROJECT1", user: "U0ALICE001", text: "only you" })).message_ts).toMatch(
      /^\d+\.\d{6}$/,
    );
    expect(await platformError(client.chat.postEphemeral({ channel: "C0PROJECT1", user: "U0BOB00001", text: "x" }))).toMatchObject({
      error: "user_not_in_channel",
    });
  });

  it("answers auth.test for the default workspace", async () => {
    const who = await new WebClient(BOT_TOKEN, { slackApiUrl: api.url }).auth.test();
    expect(who).toMatchObject({
      ok: true,
      url: "https://acme.slack.com/",
      team: "Acme",
      team_id: DEFAULT_TEAM.id,
      is_enterprise_install: false,
    });
  });

  it("answers unknown methods with unknown_method", async () => {
    const data = await platformError(new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick }).apiCall("charter.nothing"));
    expect(data.error).toBe("unknown_method");
  });
});

describe("tokens", () => {
  beforeEach(async () => {
    api = await startSlackApi({ tokens: [BOT_TOKEN, "xapp-1-A1-xyz"] });
  });

  it("rejects unknown and missing tokens, and tokens of the wrong type", async () => {
    expect(await platformError(new WebClient("xoxb-wrong", { slackApiUrl: api.url, ...quick }).auth.test())).toMatchObject({
      error: "invalid_auth",
    });
    expect(await platformError(new WebClient(undefined, { slackApiUrl: api.url, ...quick }).auth.test())).toMatchObject({
      error: "not_authed",
    });
    expect(await platformError(new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick }).apps.connections.open())).toMatchObject({
      error: "not_allowed_token_type",
    });
    expect(
      await platformError(
        new WebClient("xapp-1-A1-xyz", { slackApiUrl: api.url, ...quick }).chat.postMessage({ channel: "C1", text: "x" }),
      ),
    ).toMatchObject({
      error: "not_allowed_token_type",
    });
  });
});

describe("overrides", () => {
  beforeEach(async () => {
    api = await startSlackApi();
  });

  it("lets the WebClient see a 429 with Retry-After", async () => {
    api.respondWith("chat.postMessage", () => rateLimited(1));
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    const err = (await client.chat.postMessage({ channel: "C1", text: "x" }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(1);
    expect(api.callsTo("chat.postMessage")[0]?.response?.status).toBe(429);
  });

  it("applies an override a limited number of times, then answers normally (the WebClient retries after Retry-After)", async () => {
    api.respondWith("chat.postMessage", () => rateLimited(1), { times: 1 });
    const logger = recordingSlackLogger();
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, logger, retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } });
    const started = Date.now();
    const result = await client.chat.postMessage({ channel: "C1", text: "x" });
    expect(result.ok).toBe(true);
    const [first, second] = api.callsTo("chat.postMessage");
    expect(first?.response?.status).toBe(429);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(logger.lines.map((l) => l.message)).toContain("API Call failed due to rate limiting. Will retry in 1 seconds.");
  });

  it("passes outages through as HTTP errors, and removes an override on request", async () => {
    const remove = api.respondWith("users.info", () => httpFailure(500, "Internal Server Error"));
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    const err = (await client.users.info({ user: "U1" }).catch((e: unknown) => e)) as { code: string; statusCode: number };
    expect(err).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    remove();
    expect((await client.users.info({ user: "U1" })).ok).toBe(true);
  });

  it("falls through to the default answer when a handler returns undefined", async () => {
    api.respondWith("chat.postMessage", (call) =>
      call.args.channel === "C0ARCHIVED" ? { body: { ok: false, error: "is_archived" } } : undefined,
    );
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    expect((await client.chat.postMessage({ channel: "C1", text: "x" })).ok).toBe(true);
    expect(await platformError(client.chat.postMessage({ channel: "C0ARCHIVED", text: "x" }))).toMatchObject({ error: "is_archived" });
  });
});

describe("waiting and response_url", () => {
  beforeEach(async () => {
    api = await startSlackApi({ channels: { C0SECRET01: { is_member: false } } });
  });

  it("resolves waitFor when the call arrives, and with calls already made", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const waiting = api.waitFor("chat.postMessage", (c) => c.args.text === "second");
    await client.chat.postMessage({ channel: "C1", text: "first" });
    setTimeout(() => void client.chat.postMessage({ channel: "C1", text: "second" }), 20);
    expect((await waiting).args.text).toBe("second");
    expect((await api.waitFor("chat.postMessage")).args.text).toBe("first");
    expect(await api.waitForCalls("chat.postMessage", 2)).toHaveLength(2);
    await expect(api.waitFor("views.open", undefined, 50)).rejects.toThrow(
      /Timed out after 50 ms: waiting for views.open; calls so far: chat.postMessage, chat.postMessage/,
    );
  });

  it("reports channels the bot is not in as Slack does", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url, ...quick });
    expect(await platformError(client.chat.postMessage({ channel: "C0SECRET01", text: "x" }))).toMatchObject({ error: "not_in_channel" });
  });

  it("records response_url posts and accepts five per URL", async () => {
    const url = api.responseUrl("cmd-1");
    const post = (text: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", text }),
      });
    for (let i = 1; i <= 5; i++) expect((await post(`reply ${i}`)).status).toBe(200);
    const sixth = await post("reply 6");
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: "used_url" });
    const calls = api.callsTo("response_url");
    expect(calls).toHaveLength(6);
    expect(calls[0]).toMatchObject({ responseUrlId: "cmd-1", args: { response_type: "ephemeral", text: "reply 1" } });
  });

  it("takes file uploads through files.uploadV2", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.url });
    const result = await client.filesUploadV2({ channel_id: "C1", filename: "report.csv", content: "a,b\n1,2\n", title: "Report" });
    expect(result.ok).toBe(true);
    expect(api.calls.map((c) => c.method)).toEqual(["files.getUploadURLExternal", "file_upload", "files.completeUploadExternal"]);
    expect(api.callsTo("file_upload")[0]?.response?.body).toBe("OK - 8");
  });
});
