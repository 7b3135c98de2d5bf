/**
 * Files from real commands, end to end: `/pm report export csv` and
 * `@Charter report export csv` through Bolt's HTTP receiver on Charter's
 * server, against the local Slack API. The export is private: its CSV files
 * go to the user's DM with Charter (files.uploadV2), never into the channel,
 * and the private answer says where they went.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_BOT,
  DEFAULT_CHANNEL,
  DEFAULT_USER,
  eventBody,
  newTriggerId,
  postSigned,
  slashCommandBody,
  startSlackApi,
  type RecordedCall,
  type SlackApi,
} from "../../support/slack/index.js";
import type { UploadedFile } from "../../support/slack/http-body.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

let api: SlackApi;
let charter: RunningCharter;
let n = 0;
const DM = `D${DEFAULT_USER.id.slice(1)}`;
const NAMES = ["tasks.csv", "costs.csv", "risks.csv", "kpis.csv"];

beforeAll(async () => {
  api = await startSlackApi({ users: { [DEFAULT_USER.id]: { name: "alice", tz: "Europe/Berlin" } } });
  charter = await startCharterWithSlack({
    SLACK_BOT_TOKEN: "xoxb-files-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
  });
  await pm('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27');
  await pm('cost add 250 USD software "Figma"');
});
afterAll(async () => {
  await charter?.stop();
  await api?.close();
});

async function pm(text: string) {
  const id = `f${++n}`;
  const body = slashCommandBody({ text, response_url: api.responseUrl(id), trigger_id: newTriggerId() });
  expect((await postSigned(charter.events, body, { secret: SIGNING_SECRET })).status).toBe(200);
  return api.waitFor("response_url", (c) => c.responseUrlId === id, 15_000);
}

const bytesOf = (call: RecordedCall) =>
  Buffer.from(Object.values(call.args).find((v): v is UploadedFile => typeof v === "object" && v !== null && "bytes" in v)!.bytes).toString(
    "utf8",
  );

describe("Slack: charts and exported files", () => {
  it("/pm report chart burn: the message in the channel, then the chart as a PNG shared into the channel", async () => {
    const before = api.calls.length;
    const answer = await pm("report chart burn");
    expect(answer.args).toMatchObject({ response_type: "in_channel" });
    const complete = await api.waitFor("files.completeUploadExternal", (c) => api.calls.indexOf(c) >= before, 15_000);
    expect(complete.args).toMatchObject({ channel_id: DEFAULT_CHANNEL.id });
    const [upload] = api.calls.slice(before).filter((c) => c.method === "file_upload");
    const png = Object.values(upload!.args).find((v): v is UploadedFile => typeof v === "object" && v !== null && "bytes" in v)!.bytes;
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const [asked] = api.calls.slice(before).filter((c) => c.method === "files.getUploadURLExternal");
    expect(String(asked!.args.filename)).toMatch(/^[a-z0-9-]+\.png$/);
    expect(String(asked!.args.alt_text).length).toBeGreaterThan(10);
    expect(answer.seq).toBeLessThan(asked!.seq);
  });

  it("/pm report export csv: the CSVs in the user's DM, the ephemeral answer says so, nothing in the channel", async () => {
    const before = api.calls.length;
    const answer = await pm("report export csv");
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(answer.args.blocks)).toContain(
      "Sent tasks.csv, costs.csv, risks.csv and kpis.csv to you in a direct message from Charter.",
    );
    const calls = api.calls.slice(before);
    const complete = calls.filter((c) => c.method === "files.completeUploadExternal");
    expect(complete.map((c) => c.args.channel_id)).toEqual([DM]);
    expect(
      calls
        .filter((c) => c.method === "files.getUploadURLExternal")
        .map((c) => c.args.filename)
        .sort(),
    ).toEqual([...NAMES].sort());
    const uploads = calls.filter((c) => c.method === "file_upload").map(bytesOf);
    expect(uploads.some((csv) => csv.includes("Figma"))).toBe(true);
    expect(calls.filter((c) => c.args.channel === DEFAULT_CHANNEL.id || c.args.channel_id === DEFAULT_CHANNEL.id)).toEqual([]);
  });

  it("@Charter report export csv: an ephemeral answer in the channel, the CSVs in the DM", async () => {
    const before = api.calls.length;
    const event = eventBody({
      event_id: "Ev0EXPORT01",
      event: {
        type: "app_mention",
        user: DEFAULT_USER.id,
        channel: DEFAULT_CHANNEL.id,
        text: `<@${DEFAULT_BOT.userId}> report export csv`,
        ts: "1767225600.000200",
      },
    });
    expect((await postSigned(charter.events, event, { secret: SIGNING_SECRET })).status).toBe(200);
    const ephemeral = await api.waitFor("chat.postEphemeral", (c) => api.calls.indexOf(c) >= before, 15_000);
    expect(ephemeral.args).toMatchObject({ channel: DEFAULT_CHANNEL.id, user: DEFAULT_USER.id });
    expect(JSON.stringify(ephemeral.args.blocks)).toContain("to you in a direct message from Charter.");
    const calls = api.calls.slice(before);
    expect(calls.filter((c) => c.method === "files.completeUploadExternal").map((c) => c.args.channel_id)).toEqual([DM]);
    expect(calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });
});
