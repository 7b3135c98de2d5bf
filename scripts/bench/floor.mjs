/**
 * The floor a load run is compared with: a bare app on the same framework
 * that does nothing but answer, in its own process as Charter is. `slack`: a
 * Bolt App on its HTTP receiver (with signature verification) that acks /pm;
 * `teams`: a botbuilder CloudAdapter (express, as in botbuilder's samples)
 * that replies "ok" to every message through the activity's serviceUrl.
 * Started with child_process.fork; sends { port } once listening.
 */
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import express from "express";

const [platform, slackApiUrl] = process.argv.slice(2);

async function slack() {
  const receiver = new HTTPReceiver({
    signingSecret: process.env.SLACK_SIGNING_SECRET,
    endpoints: "/slack/events",
    logLevel: LogLevel.ERROR,
  });
  const app = new App({ token: process.env.SLACK_BOT_TOKEN, receiver, clientOptions: { slackApiUrl }, logLevel: LogLevel.ERROR });
  app.command("/pm", async ({ ack }) => {
    await ack();
  });
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  return server.address().port;
}

async function teams() {
  // No credentials: the unauthenticated mode Charter runs in for this benchmark too.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.use(express.json());
  app.post("/api/messages", (req, res) =>
    adapter.process(req, res, async (context) => {
      if (context.activity.type === "message") await context.sendActivity("ok");
    }),
  );
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

const port = platform === "slack" ? await slack() : await teams();
process.send({ port });
