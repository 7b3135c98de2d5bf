/**
 * Charts and files in Slack replies, through the real Bolt app and WebClient
 * against the local Slack API: a slash command's reply goes out through its
 * response_url and the files with files.uploadV2 (getUploadURLExternal, the
 * bytes, completeUploadExternal); a mention's reply with chat.postMessage /
 * postEphemeral. Channel replies share the files where the message went
 * (its thread too); private ones only in the user's DM with Charter.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodePng } from "../../../src/core/charts/png.js";
import { postReply, respondWith } from "../../../src/adapters/slack/deliver.js";
import type { Logger } from "../../../src/core/context.js";
import { contextLine, file, heading, image, reply, text, type Reply } from "../../../src/core/views/reply.js";
import {
  DEFAULT_CHANNEL,
  DEFAULT_USER,
  newTriggerId,
  postSigned,
  recordingSlackLogger,
  slackError,
  slashCommandBody,
  startSlackApi,
  type RecordedCall,
  type SlackApi,
} from "../../support/slack/index.js";
import type { UploadedFile } from "../../support/slack/http-body.js";

const SECRET = "deliver-files-signing-secret-0001";
const TOKEN = "xoxb-deliver-files-token";
const DM = `D${DEFAULT_USER.id.slice(1)}`; // the fake opens the DM with U… as D…

const png = new Uint8Array(
  encodePng(
    64,
    48,
    Uint8Array.from({ length: 64 * 48 * 4 }, (_, i) => (i * 37) % 256),
  ),
);
const csv = new TextEncoder().encode("\uFEFFid,title\r\n1,Fix login\r\n");

const chartReply = (): Reply =>
  reply(
    "Budget burn for Apollo",
    [heading("Budget burn"), image("Budget burn for Apollo", png), contextLine("As of 2026-03-02")],
    "channel",
  );
const exportReply = (): Reply =>
  reply("Exported Apollo: 1 task", [
    text("Exported Apollo: 1 task."),
    file("tasks.csv", "Apollo — tasks", "text/csv", csv),
    file("costs.csv", "Apollo — costs", "text/csv", csv),
  ]);

interface LogLine {
  level: string;
  msg: string;
  data?: Record<string, unknown>;
}
function recordingLog(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => void lines.push({ level, msg, ...(data ? { data } : {}) });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

const uploaded = (call: RecordedCall) =>
  Object.values(call.args).find((v): v is UploadedFile => typeof v === "object" && v !== null && "bytes" in v)!;
const sharedFiles = (call: RecordedCall) => (call.args.files as { id: string; title: string }[]).map((f) => f.title);

let api: SlackApi;
let app: App;
let url: string;
let log: ReturnType<typeof recordingLog>;
/** What the /chart and /export commands answer with, set by each test. */
let next: Reply;
let n = 0;

beforeAll(async () => {
  api = await startSlackApi({ tokens: [TOKEN], users: { [DEFAULT_USER.id]: { name: "alice" } } });
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logger: recordingSlackLogger() });
  app = new App({ receiver, token: TOKEN, clientOptions: { slackApiUrl: api.url }, logger: recordingSlackLogger() });
  app.command("/pm", async ({ ack, command, client, respond }) => {
    await ack();
    await respondWith(respond, next, { client, log, to: { channelId: command.channel_id, userId: command.user_id } });
  });
  const server = (await app.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await app?.stop();
  await api?.close();
});
beforeEach(() => {
  log = recordingLog();
  api.calls.length = 0;
  api.workspace.channels.clear();
});
afterEach(() => {
  // Nothing that reached the log may hold file bytes or the token.
  const logged = JSON.stringify(log.lines);
  expect(logged).not.toContain(TOKEN);
  expect(logged).not.toContain(Buffer.from(png).toString("base64").slice(0, 40));
  expect(logged).not.toContain("Fix login");
});

/** Sends `/pm` as Slack does and waits for the reply's last Web API step. */
async function slash(reply: Reply, options: { channel?: string } = {}) {
  next = reply;
  const id = `r${++n}`;
  const body = slashCommandBody({
    text: "report",
    response_url: api.responseUrl(id),
    trigger_id: newTriggerId(),
    channel_id: options.channel ?? DEFAULT_CHANNEL.id,
  });
  const http = await postSigned(url, body, { secret: SECRET });
  expect(http.status).toBe(200);
  return { responses: () => api.callsTo("response_url").filter((c) => c.responseUrlId === id), id };
}

describe("slash command replies with files (respondWith)", () => {
  it("channel reply: the message in the channel, then the chart uploaded into the channel with its exact bytes", async () => {
    const sent = await slash(chartReply());
    const complete = await api.waitFor("files.completeUploadExternal");
    const [answer] = sent.responses();
    expect(answer!.args).toMatchObject({ response_type: "in_channel" });
    expect(JSON.stringify(answer!.args.blocks)).toContain("Budget burn");
    expect(JSON.stringify(answer!.args.blocks)).not.toContain("[image");

    const [getUrl] = api.callsTo("files.getUploadURLExternal");
    expect(getUrl!.args).toMatchObject({
      filename: "budget-burn-for-apollo.png",
      length: String(png.byteLength),
      alt_text: "Budget burn for Apollo",
    });
    const [upload] = api.callsTo("file_upload");
    expect(uploaded(upload!).bytes).toEqual(png);
    expect(complete.args).toMatchObject({ channel_id: DEFAULT_CHANNEL.id });
    expect(complete.args.thread_ts).toBeUndefined();
    expect(sharedFiles(complete)).toEqual(["Budget burn for Apollo"]);
    // The message went first, the upload after it.
    expect(answer!.seq).toBeLessThan(getUrl!.seq);
    expect(sent.responses()).toHaveLength(1);
  });

  it("private reply: the files go to the user's DM with Charter, nothing into the channel, and the ephemeral answer says so", async () => {
    const sent = await slash(exportReply());
    await api.waitFor("response_url", (c) => c.responseUrlId === sent.id);
    const [answer] = sent.responses();
    expect(answer!.args).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(answer!.args.blocks)).toContain("Sent tasks.csv and costs.csv to you in a direct message from Charter.");

    expect(api.callsTo("conversations.open").map((c) => c.args.users)).toEqual([DEFAULT_USER.id]);
    const [complete, ...more] = api.callsTo("files.completeUploadExternal");
    expect(more).toEqual([]);
    expect(complete!.args).toMatchObject({ channel_id: DM, initial_comment: "Exported Apollo: 1 task" });
    expect(sharedFiles(complete!)).toEqual(["Apollo — tasks", "Apollo — costs"]);
    expect(api.callsTo("file_upload").map((c) => uploaded(c).bytes)).toEqual([csv, csv]);
    expect(
      api
        .callsTo("files.getUploadURLExternal")
        .map((c) => c.args.filename)
        .sort(),
    ).toEqual(["costs.csv", "tasks.csv"]);
    // Nothing in the channel.
    expect(api.calls.filter((c) => c.args.channel === DEFAULT_CHANNEL.id || c.args.channel_id === DEFAULT_CHANNEL.id)).toEqual([]);
  });

  it("channel reply where Charter is not a member: the files go to the user's DM and the user is told why", async () => {
    api.workspace.channels.set("C0OUTSIDE1", { is_member: false });
    const sent = await slash(chartReply(), { channel: "C0OUTSIDE1" });
    await api.waitFor("response_url", (c) => c.responseUrlId === sent.id && c.args.response_type === "ephemeral");
    const [message, note] = sent.responses();
    expect(message!.args).toMatchObject({ response_type: "in_channel" });
    expect(String(note!.args.text)).toBe(
      "Charter can't share files in this channel (invite @Charter to it), so it sent budget-burn-for-apollo.png to you in a direct message.",
    );
    const completes = api.callsTo("files.completeUploadExternal");
    expect(
      completes.map((c) => [c.args.channel_id, (c.response?.body as { ok: boolean; error?: string } | undefined)?.error ?? "ok"]),
    ).toEqual([
      ["C0OUTSIDE1", "not_in_channel"],
      [DM, "ok"],
    ]);
    expect(api.callsTo("file_upload").map((c) => uploaded(c).bytes)).toEqual([png, png]);
  });

  it("an upload Slack refuses is logged by its code and the user gets a clear line, never a crash", async () => {
    api.respondWith("files.getUploadURLExternal", () => slackError("missing_scope", { needed: "files:write", provided: "chat:write" }), {
      times: 1,
    });
    const sent = await slash(chartReply());
    await api.waitFor("response_url", (c) => c.responseUrlId === sent.id && c.args.response_type === "ephemeral");
    const [message, note] = sent.responses();
    expect(message!.args).toMatchObject({ response_type: "in_channel" });
    expect(String(note!.args.text)).toContain("needs Slack's files:write permission");
    expect(api.callsTo("files.completeUploadExternal")).toEqual([]);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "slack file upload failed",
        data: expect.objectContaining({ code: "missing_scope", files: ["budget-burn-for-apollo.png"] }),
      }),
    );
  });
});

describe("replies posted by Charter (postReply)", () => {
  it("channel reply from a thread: the message and then the chart in that thread", async () => {
    const thread = "1767225600.000100";
    await postReply(app.client, log, { channelId: DEFAULT_CHANNEL.id, userId: DEFAULT_USER.id, threadTs: thread }, chartReply());
    const [post] = api.callsTo("chat.postMessage");
    expect(post!.args).toMatchObject({ channel: DEFAULT_CHANNEL.id, thread_ts: thread });
    const [complete] = api.callsTo("files.completeUploadExternal");
    expect(complete!.args).toMatchObject({ channel_id: DEFAULT_CHANNEL.id, thread_ts: thread });
    expect(uploaded(api.callsTo("file_upload")[0]!).bytes).toEqual(png);
    expect(post!.seq).toBeLessThan(complete!.seq);
  });

  it("private reply in a channel: an ephemeral answer that says where the files went, the files in the DM only", async () => {
    await postReply(app.client, log, { channelId: DEFAULT_CHANNEL.id, userId: DEFAULT_USER.id }, exportReply());
    const [ephemeral] = api.callsTo("chat.postEphemeral");
    expect(ephemeral!.args).toMatchObject({ channel: DEFAULT_CHANNEL.id, user: DEFAULT_USER.id });
    expect(JSON.stringify(ephemeral!.args.blocks)).toContain("Sent tasks.csv and costs.csv to you in a direct message from Charter.");
    expect(api.callsTo("chat.postMessage")).toEqual([]);
    expect(api.callsTo("files.completeUploadExternal").map((c) => c.args.channel_id)).toEqual([DM]);
    expect(api.callsTo("file_upload").map((c) => uploaded(c).bytes)).toEqual([csv, csv]);
  });

  it("channel reply where Charter may not post: message and chart both in the user's DM", async () => {
    api.workspace.channels.set("C0ARCHIVE1", { is_archived: true });
    await postReply(app.client, log, { channelId: "C0ARCHIVE1", userId: DEFAULT_USER.id }, chartReply());
    expect(api.callsTo("chat.postMessage").map((c) => [c.args.channel, (c.response?.body as { ok: boolean } | undefined)?.ok])).toEqual([
      ["C0ARCHIVE1", false],
      [DEFAULT_USER.id, true],
    ]);
    expect(api.callsTo("files.completeUploadExternal").map((c) => c.args.channel_id)).toEqual([DM]);
  });

  it("a failed upload after a channel message tells the user privately and does not throw", async () => {
    api.respondWith("files.completeUploadExternal", () => slackError("internal_error"), { times: 1 });
    await postReply(app.client, log, { channelId: DEFAULT_CHANNEL.id, userId: DEFAULT_USER.id }, chartReply());
    const [note] = api.callsTo("chat.postEphemeral");
    expect(note!.args).toMatchObject({ channel: DEFAULT_CHANNEL.id, user: DEFAULT_USER.id });
    expect(String(note!.args.text)).toContain("could not send budget-burn-for-apollo.png (Slack said `internal_error`)");
    expect(log.lines.some((l) => l.level === "warn" && l.data?.code === "internal_error")).toBe(true);
  });
});
