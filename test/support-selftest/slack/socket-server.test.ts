/**
 * The local Socket Mode server as @slack/socket-mode's client sees it: the
 * client finds it through apps.connections.open, is greeted, receives
 * envelopes and acks them.
 */
import { App } from "@slack/bolt";
import { LogLevel, SocketModeClient } from "@slack/socket-mode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  recordingSlackLogger,
  slashCommandPayload,
  startSlackServers,
  viewSubmissionPayload,
  type SlackServers,
} from "../../support/slack/index.js";

const APP_TOKEN = "xapp-1-A0CHARTER1-123-abc";

let slack: SlackServers;
let client: SocketModeClient;

beforeEach(async () => {
  slack = await startSlackServers({ api: { tokens: [APP_TOKEN] } });
  client = new SocketModeClient({ appToken: APP_TOKEN, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: slack.api.url } });
});

afterEach(async () => {
  await client.disconnect();
  await slack.close();
});

describe("Socket Mode server", () => {
  it("is reached through apps.connections.open with the app-level token, and greets with hello", async () => {
    await client.start();
    const [open] = slack.api.callsTo("apps.connections.open");
    expect(open?.token).toBe(APP_TOKEN);
    expect(open?.response?.body).toEqual({ ok: true, url: slack.socket.url });
    expect(slack.socket.openConnections()).toHaveLength(1);
  });

  it("delivers a slash_commands envelope and receives the ack", async () => {
    client.on("slash_commands", async ({ ack, body }: { ack: (response?: object) => Promise<void>; body: Record<string, string> }) => {
      await ack({ text: `Got ${body.command} ${body.text}` });
    });
    await client.start();

    const payload = slashCommandPayload({ command: "/pm", text: "status Apollo" });
    const ack = await slack.socket.sendAndWaitForAck("slash_commands", payload);
    expect(ack.payload).toEqual({ text: "Got /pm status Apollo" });
    expect(slack.socket.acks).toHaveLength(1);
  });

  it("sends envelopes in Slack's shape", async () => {
    const seen: unknown[] = [];
    client.on(
      "slack_event",
      async (event: { ack: () => Promise<void>; type: string; body: unknown; accepts_response_payload: boolean }) => {
        seen.push({ type: event.type, accepts: event.accepts_response_payload });
        await event.ack();
      },
    );
    await client.start();

    const submission = viewSubmissionPayload({ view: { callback_id: "task_form", state: { values: {} } } });
    const ack = await slack.socket.sendAndWaitForAck("interactive", submission);
    // A bare ack() still carries an empty payload.
    expect(ack.payload).toEqual({});
    await slack.socket.sendAndWaitForAck("events_api", { type: "event_callback", event: { type: "app_home_opened", user: "U1" } });
    expect(seen).toEqual([
      { type: "interactive", accepts: true },
      { type: "events_api", accepts: false },
    ]);
  });

  it("makes the client reconnect after a disconnect message", async () => {
    // The client waits clientPingTimeout × failures before reconnecting (5 s by default).
    client = new SocketModeClient({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 200,
      clientOptions: { slackApiUrl: slack.api.url },
    });
    await client.start();
    // Disconnecting the client while its reconnect is still opening rejects a promise nobody handles, so wait for "connected".
    const reconnected = new Promise((resolve) => client.once("connected", resolve));
    slack.socket.disconnect("refresh_requested");
    await reconnected;
    const [first, second] = await slack.socket.waitForConnections(2);
    expect(first?.isOpen).toBe(false);
    expect(second?.isOpen).toBe(true);
    expect(slack.api.callsTo("apps.connections.open")).toHaveLength(2);
  });

  it("makes the client reconnect after the connection drops without a close frame", async () => {
    // The drop is an error to the client; keep its log out of the test output.
    client = new SocketModeClient({
      appToken: APP_TOKEN,
      logger: recordingSlackLogger(),
      clientPingTimeout: 200,
      clientOptions: { slackApiUrl: slack.api.url },
    });
    await client.start();
    const reconnected = new Promise((resolve) => client.once("connected", resolve));
    slack.socket.drop();
    await reconnected;
    expect(slack.socket.connections.map((c) => c.isOpen)).toEqual([false, true]);
    // Envelopes now go to the new connection.
    client.on("slash_commands", ({ ack }: { ack: () => Promise<void> }) => void ack());
    expect((await slack.socket.sendAndWaitForAck("slash_commands", slashCommandPayload())).connection).toBe(2);
  });

  it("answers the client's pings", async () => {
    const fast = new SocketModeClient({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 300,
      clientOptions: { slackApiUrl: slack.api.url },
    });
    await fast.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const connection = slack.socket.openConnections()[0]!;
    expect(connection.pingsReceived).toBeGreaterThanOrEqual(2);
    expect(connection.isOpen).toBe(true);
    await fast.disconnect();
  });
});

describe("a Bolt app in Socket Mode", () => {
  it("connects through clientOptions.slackApiUrl and answers a command through response_url", async () => {
    slack.api.addToken("xoxb-1-2-3");
    const app = new App({
      socketMode: true,
      appToken: APP_TOKEN,
      token: "xoxb-1-2-3",
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.api.url },
    });
    app.command("/pm", async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `You said: ${command.text}` });
    });
    await app.start();
    try {
      const ack = await slack.socket.sendAndWaitForAck(
        "slash_commands",
        slashCommandPayload({ text: "status", response_url: slack.api.responseUrl("c1") }),
      );
      expect(ack.payload).toEqual({});
      expect((await slack.api.waitFor("response_url")).args).toEqual({ text: "You said: status" });
    } finally {
      await app.stop();
    }
  });
});
