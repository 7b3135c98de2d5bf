/**
 * Socket Mode: with SLACK_APP_TOKEN set, Charter opens a WebSocket through
 * apps.connections.open (on the local Slack API server) and answers the
 * envelopes a local Socket Mode server sends, acking each on the socket.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { newTriggerId, slashCommandPayload, startSlackServers, type SlackServers } from "../../support/slack/index.js";
import { startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

let slack: SlackServers;
let charter: RunningCharter;

beforeAll(async () => {
  slack = await startSlackServers();
  charter = await startCharterWithSlack({
    SLACK_APP_TOKEN: "xapp-1-test",
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_API_URL: slack.api.url,
  });
});
afterAll(async () => {
  await charter?.stop();
  await slack?.close();
});

it("connects over Socket Mode and answers /pm through the socket and response_url", async () => {
  expect(charter.started.slack?.transport).toBe("socket");
  await slack.api.waitFor("apps.connections.open");
  const ack = await slack.socket.sendAndWaitForAck(
    "slash_commands",
    slashCommandPayload({
      text: 'project create "Gemini" budget 5000 EUR',
      trigger_id: newTriggerId(),
      response_url: slack.api.responseUrl("socket"),
    }),
  );
  expect(ack.envelope_id).toEqual(expect.any(String));
  const answer = await slack.api.waitFor("response_url", (c) => c.responseUrlId === "socket");
  expect(JSON.stringify(answer.args)).toContain("Gemini");
  const project = await charter.database.store.projects.findByName("slack:T0ACME0001", "Gemini");
  expect(project).toMatchObject({ currency: "EUR", budgetTotal: 500_000n });
});
