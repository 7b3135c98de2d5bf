/**
 * With MICROSOFT_APP_ID set, /api/messages takes only requests carrying a Bot
 * Framework JWT that botbuilder's own validation accepts: signed by a key
 * from the Bot Connector's OpenID metadata (here a local stand-in, named with
 * MICROSOFT_BOT_OPENID_METADATA), issued for this bot, for the activity's
 * serviceUrl. Anything else is a 401 that touches nothing.
 *
 * The accepted requests here are ones Charter does not answer (membership
 * and installation updates); app-credentials.test.ts answers with tokens
 * from a local token endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_APP_ID,
  botAddedActivity,
  installationActivity,
  messageActivity,
  startConnector,
  startOpenIdServer,
  TEAM,
  TENANT_KEY,
  type ConnectorServer,
  type OpenIdServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

let connector: ConnectorServer;
let openId: OpenIdServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector();
  openId = await startOpenIdServer();
  charter = await startCharterWithTeams({
    MICROSOFT_APP_ID: BOT_APP_ID,
    MICROSOFT_APP_PASSWORD: "a-client-secret-that-is-never-used",
    MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
  });
});
afterAll(async () => {
  if (process.env.SHOW_CHARTER_OUTPUT) console.log(charter?.output());
  await charter?.stop();
  await openId?.close();
  await connector?.close();
});

const where = () => ({ serviceUrl: connector.url, timeZone: "Europe/Berlin" });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function nothingStored() {
  expect(await charter.db.prisma.member.count()).toBe(0);
  expect(await charter.db.prisma.project.count()).toBe(0);
  expect(await charter.db.prisma.costEntry.count()).toBe(0);
  expect(await charter.db.prisma.conversationRef.count()).toBe(0);
  expect(await charter.db.prisma.jobRun.count()).toBe(0);
  expect(connector.calls).toHaveLength(0);
}

describe("Teams with an app id: Bot Framework authentication", () => {
  it("says where the messaging endpoint is", () => {
    expect(charter.output()).toContain("Teams: set the messaging endpoint of the Azure Bot to <public URL>/api/messages");
  });

  it("answers 401 to a request without a token, and records nothing", async () => {
    const res = await charter.post(messageActivity('project create "Apollo" budget 10000 USD', where()));
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it("answers 401 to tokens that are forged, expired, for another bot or for another serviceUrl, and records nothing", async () => {
    const activity = messageActivity('cost add 250 USD software "Figma"', where());
    const claims = { aud: BOT_APP_ID, serviceUrl: connector.url };
    for (const token of [
      openId.forgedToken(claims),
      openId.token({ ...claims, expiresIn: -3600 }),
      openId.token({ ...claims, aud: "11111111-2222-4333-8444-555555555555" }),
      openId.token({ ...claims, serviceUrl: "https://smba.trafficmanager.net/emea/" }),
      openId.token({ ...claims, iss: "https://sts.example.com" }),
      "not-a-jwt",
    ]) {
      const res = await charter.post(activity, bearer(token));
      expect(res.status, token.slice(0, 24)).toBe(401);
    }
    const basic = await charter.post(activity, { authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(401);
    await nothingStored();
  });

  it("accepts a token botbuilder validates against the published keys, and handles the activity", async () => {
    const token = openId.token({ aud: BOT_APP_ID, serviceUrl: connector.url });
    const added = await charter.post(botAddedActivity(where()), bearer(token));
    expect(added.status).toBe(200);
    expect(openId.keyFetches()).toBeGreaterThan(0);
    expect(await charter.conversations.get(TENANT_KEY, TEAM)).toMatchObject({ kind: "channel", installed: true });

    const personal = { ...where(), kind: "personal" as const };
    expect((await charter.post(installationActivity("add", personal), bearer(token))).status).toBe(200);
    expect((await charter.conversations.list(TENANT_KEY)).map((c) => c.kind).sort()).toEqual(["channel", "personal"]);
  });
});
