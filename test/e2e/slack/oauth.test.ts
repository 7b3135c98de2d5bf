/**
 * Distribution through OAuth: two workspaces install Charter through
 * /slack/install and /slack/oauth_redirect; their tokens are stored
 * encrypted, and neither workspace ever sees the other's data.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventBody, newTriggerId, postSigned, slashCommandBody, startSlackApi, type SlackApi } from "../../support/slack/index.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

const TEAMS = {
  a: {
    id: "T0AAAAAAA1",
    tenant: "slack:T0AAAAAAA1",
    name: "Alpha",
    code: "code-alpha",
    token: "xoxb-alpha-secret-token",
    user: "U0ALPHA001",
  },
  b: { id: "T0BBBBBBB1", tenant: "slack:T0BBBBBBB1", name: "Beta", code: "code-beta", token: "xoxb-beta-secret-token", user: "U0BETA0001" },
};

let api: SlackApi;
let charter: RunningCharter;

beforeAll(async () => {
  api = await startSlackApi({
    // Each person belongs to their own workspace (users.info says so).
    users: Object.fromEntries(Object.values(TEAMS).map((t) => [t.user, { team_id: t.id }])),
    oauth: {
      clientId: "1234.5678",
      clientSecret: "client-secret",
      installs: Object.fromEntries(
        Object.values(TEAMS).map((t) => [t.code, { team: { id: t.id, name: t.name }, access_token: t.token, authed_user: { id: t.user } }]),
      ),
    },
  });
  charter = await startCharterWithSlack({
    SLACK_CLIENT_ID: "1234.5678",
    SLACK_CLIENT_SECRET: "client-secret",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_STATE_SECRET: "a-long-random-state-secret",
    CHARTER_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    SLACK_API_URL: api.url,
  });
});
afterAll(async () => {
  await charter?.stop();
  await api?.close();
});

/** The browser's part of "Add to Slack": follow /slack/install, then come back with the code. */
async function install(team: (typeof TEAMS)["a"]) {
  const started = await fetch(`${charter.url}/slack/install`, { redirect: "manual" });
  expect(started.status).toBe(302);
  const authorize = new URL(started.headers.get("location")!);
  expect(authorize.searchParams.get("client_id")).toBe("1234.5678");
  const state = authorize.searchParams.get("state")!;
  const cookie = started.headers.get("set-cookie")!.split(";")[0]!;
  const back = await fetch(`${charter.url}/slack/oauth_redirect?code=${team.code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: "manual",
  });
  expect(back.status).toBeLessThan(400);
}

async function pm(team: (typeof TEAMS)["a"], text: string) {
  const id = `${team.id}-${text}`;
  const body = slashCommandBody({
    text,
    team_id: team.id,
    team_domain: team.name.toLowerCase(),
    user_id: team.user,
    trigger_id: newTriggerId(),
    response_url: api.responseUrl(id),
  });
  expect((await postSigned(charter.events, body, { secret: SIGNING_SECRET })).status).toBe(200);
  return api.waitFor("response_url", (c) => c.responseUrlId === id);
}

it("installs in two workspaces, stores their tokens encrypted, and keeps their data apart", async () => {
  await install(TEAMS.a);
  await install(TEAMS.b);

  const rows = await charter.database.db.prisma.installation.findMany();
  expect(rows.map((r) => r.tenantId).sort()).toEqual([TEAMS.a.tenant, TEAMS.b.tenant]);
  expect(JSON.stringify(rows)).not.toContain("xoxb-");

  expect(JSON.stringify((await pm(TEAMS.a, 'project create "Secret merger" budget 1m USD')).args)).toContain("Secret merger");
  // Each workspace's calls use its own bot token.
  const users = api.callsTo("users.info");
  expect(users.some((c) => c.token === TEAMS.a.token)).toBe(true);

  const listed = await pm(TEAMS.b, "project list");
  expect(JSON.stringify(listed.args)).not.toContain("Secret merger");
  const shown = await pm(TEAMS.b, 'project show "Secret merger"');
  expect(JSON.stringify(shown.args)).toContain("There is no project called");
  expect(await charter.database.store.projects.list(TEAMS.b.tenant)).toEqual([]);
  expect((await charter.database.store.projects.list(TEAMS.a.tenant)).map((p) => p.name)).toEqual(["Secret merger"]);
});

it("deletes a workspace's tokens when it uninstalls Charter, and keeps the other's", async () => {
  const event = eventBody({ team_id: TEAMS.b.id, event_id: "Ev0UNINSTALL", event: { type: "app_uninstalled" } });
  expect((await postSigned(charter.events, event, { secret: SIGNING_SECRET })).status).toBe(200);
  for (let i = 0; i < 50 && (await charter.database.db.prisma.installation.count({ where: { tenantId: TEAMS.b.tenant } })) > 0; i++) {
    await new Promise((done) => setTimeout(done, 20));
  }
  expect((await charter.database.db.prisma.installation.findMany()).map((r) => r.tenantId)).toEqual([TEAMS.a.tenant]);
});
