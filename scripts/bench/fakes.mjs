/**
 * Local stand-ins for the platforms' servers, cut down to what a load run
 * needs: Slack's Web API and response_url (every answer 200, counted), and
 * the Bot Connector that Teams replies go to. They answer at once, so what is
 * measured is Charter, not them. (test/support/ has the full, recording
 * versions the tests use.)
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-bench-token";
export const TEAM = { id: "T0ACME0001", domain: "acme", name: "Acme" };
export const BOT = { userId: "U0BOTUSER1", botId: "B0BOTAPP01", name: "charter" };
export const CHANNEL = { id: "C0GENERAL1", name: "general" };
export const USER = { id: "U0ALICE001", name: "alice" };
export const APP_ID = "A0CHARTER1";

/** Slack's v0 request signature: HMAC-SHA256 of "v0:<timestamp>:<raw body>". */
export function slackSignature(secret, body, timestamp = Math.floor(Date.now() / 1000)) {
  const digest = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${digest}` };
}

/** A `/pm <text>` slash command as Slack form-encodes it. */
export function slashCommandBody(text, { responseUrl, triggerId }) {
  return new URLSearchParams({
    token: "benchVerificationToken",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: CHANNEL.id,
    channel_name: CHANNEL.name,
    user_id: USER.id,
    user_name: USER.name,
    command: "/pm",
    text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

function closer(server) {
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Slack's Web API under /api/ and response_url under /response/<id>; `counts` tallies calls per method. */
export async function startFakeSlack() {
  const counts = new Map();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const method = path.startsWith("/response/") ? "response_url" : path.replace(/^\/api\//, "");
      counts.set(method, (counts.get(method) ?? 0) + 1);
      if (method === "response_url") return json(res, 200, { ok: true });
      const identity = {
        team_id: TEAM.id,
        team: TEAM.name,
        url: `https://${TEAM.domain}.slack.com/`,
        user_id: BOT.userId,
        user: BOT.name,
        bot_id: BOT.botId,
      };
      switch (method) {
        case "auth.test":
          return json(res, 200, { ok: true, ...identity, is_enterprise_install: false });
        case "users.info":
          return json(res, 200, {
            ok: true,
            user: {
              id: USER.id,
              team_id: TEAM.id,
              name: USER.name,
              real_name: "Alice Example",
              tz: "Europe/Berlin",
              tz_offset: 3600,
              profile: { real_name: "Alice Example", display_name: "alice" },
              is_bot: false,
              deleted: false,
            },
          });
        case "conversations.info":
          return json(res, 200, {
            ok: true,
            channel: { id: CHANNEL.id, name: CHANNEL.name, is_channel: true, is_private: false, is_archived: false, is_member: true },
          });
        case "chat.postMessage":
          return json(res, 200, {
            ok: true,
            channel: CHANNEL.id,
            ts: `${Date.now() / 1000}`,
            message: { type: "message", bot_id: BOT.botId },
          });
        default:
          return json(res, 200, { ok: true });
      }
    });
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${origin}/api/`,
    responseBase: `${origin}/response/`,
    count: (method) => counts.get(method) ?? 0,
    counts,
    close: closer(server),
  };
}

/** The Bot Connector (an activity's serviceUrl): replies, member look-ups and new conversations all succeed. */
export async function startFakeConnector() {
  const counts = new Map();
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
      const kind = req.method === "POST" && /\/activities/.test(path) ? "activity" : member ? "member" : `${req.method} ${path}`;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (member) return json(res, 200, { id: member[1], name: "Alice Example", aadObjectId: "6b1c2d3e-0000-4000-8000-00000000a11c" });
      if (req.method === "POST" && path === "/v3/conversations") return json(res, 200, { id: `a:created-${++n}` });
      return json(res, 200, { id: `activity-${++n}` });
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, count: (kind) => counts.get(kind) ?? 0, counts, close: closer(server) };
}

export const TEAMS = {
  tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  bot: { id: "28:0b6d8ae8-5c3e-4d1a-9c1f-6f1a2b3c4d5e", name: "Charter" },
  alice: { id: "29:1alice-Zx9_Q", name: "Alice Example", aadObjectId: "6b1c2d3e-0000-4000-8000-00000000a11c" },
  team: "19:team-apollo@thread.tacv2",
  channel: "19:general-apollo@thread.tacv2",
};

/** "@Charter <text>" posted in a Teams channel, as the Bot Connector delivers it. */
export function teamsMessage(text, id, serviceUrl) {
  const now = new Date().toISOString();
  return {
    id,
    timestamp: now,
    localTimestamp: now,
    localTimezone: "Europe/Berlin",
    serviceUrl,
    channelId: "msteams",
    from: TEAMS.alice,
    conversation: { isGroup: true, conversationType: "channel", tenantId: TEAMS.tenant, id: `${TEAMS.channel};messageid=${id}` },
    recipient: TEAMS.bot,
    locale: "en-US",
    channelData: {
      tenant: { id: TEAMS.tenant },
      teamsChannelId: TEAMS.channel,
      teamsTeamId: TEAMS.team,
      channel: { id: TEAMS.channel, name: "General" },
      team: { id: TEAMS.team },
    },
    type: "message",
    textFormat: "plain",
    text: `<at>${TEAMS.bot.name}</at> ${text}`,
    entities: [
      { type: "mention", mentioned: TEAMS.bot, text: `<at>${TEAMS.bot.name}</at>` },
      { type: "clientInfo", locale: "en-US", country: "DE", platform: "Web", timezone: "Europe/Berlin" },
    ],
  };
}
