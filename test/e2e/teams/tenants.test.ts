/**
 * Tenants are per platform: a Teams activity that names a Slack workspace's
 * team id, its Charter key, or the console's `local` as its tenant reaches
 * nothing of theirs, through the real CloudAdapter of the built
 * `charter start`. Activities from anywhere but Teams, and (in the
 * unauthenticated mode) ones whose serviceUrl is not on this machine, are
 * refused before anything reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALICE,
  BOT_APP_ID,
  botAddedActivity,
  CHANNEL,
  messageActivity,
  startConnector,
  startOpenIdServer,
  TEAM,
  TENANT_KEY,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { chat } from "../../support/context.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

const SLACK_TEAM = "T0ACME0001";
const SLACK_TENANT = `slack:${SLACK_TEAM}`;

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([ALICE]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  // A Slack workspace and the console each have Apollo linked to a channel whose id is the Teams channel's.
  for (const tenant of [SLACK_TENANT, "local"]) {
    const owner = chat(charter.store, { tenant, user: ALICE.aadObjectId, channel: CHANNEL });
    expect((await owner.say('project create "Apollo" budget 10000 USD')).ok).toBe(true);
    expect((await owner.say('cost add 4321 USD software "Secret licence"')).ok).toBe(true);
  }
  await charter.store.tenants.ensure(SLACK_TENANT, "slack", "Acme");
});
afterAll(async () => {
  await charter?.stop();
  await connector?.close();
});

const where = (tenant: string, extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.url, tenant, ...extra });

/** What each victim tenant holds, to compare before and after. */
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const tenant of [SLACK_TENANT, "local"]) {
    const project = (await charter.store.projects.findByName(tenant, "Apollo"))!;
    const member = await charter.store.members.ensure(tenant, { platformUserId: ALICE.aadObjectId });
    out[tenant] = {
      budget: await charter.store.budgets.get(tenant, project.id),
      costs: (await charter.store.costs.totals(tenant, project.id)).count,
      audit: (await charter.store.audit.list(tenant, { limit: 10_000 })).length,
      name: member.name,
    };
  }
  out.tenants = await charter.db.prisma.tenant.findMany({
    where: { id: { in: [SLACK_TENANT, "local", SLACK_TEAM] } },
    orderBy: { id: "asc" },
  });
  return out;
}

async function answerTo(activity: { id: string }) {
  const before = connector.sent().length;
  const answer = await charter.post(activity);
  const deadline = Date.now() + 10_000;
  while (connector.sent().length <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return { status: answer.status, text: JSON.stringify(connector.sent().slice(before)) };
}

describe("Teams tenants", () => {
  it("keeps a Teams tenant named like a Slack workspace or the console apart from them", async () => {
    const before = await snapshot();
    for (const tenant of [SLACK_TEAM, "local"]) {
      const costs = await answerTo(messageActivity("cost list", where(tenant)));
      expect(costs.status).toBe(200);
      expect(costs.text).not.toContain("Secret licence");
      expect(costs.text).not.toContain("4,321");
      const budget = await answerTo(messageActivity("budget set 1 USD", where(tenant)));
      expect(budget.status).toBe(200);
      expect(budget.text).not.toContain("$1.00");
    }
    expect(await snapshot()).toEqual(before);
    // What the activities did create lives in Teams tenants of their own.
    const teams = await charter.db.prisma.tenant.findMany({ where: { id: { in: [`teams:${SLACK_TEAM}`, "teams:local"] } } });
    expect(teams.map((t) => t.platform)).toEqual(["teams", "teams"]);
  });

  it("refuses a tenant that is another platform's key, reaching nothing", async () => {
    const before = await snapshot();
    const sentBefore = connector.calls.length;
    for (const tenant of [SLACK_TENANT, "local:lab"]) {
      const answer = await charter.post(messageActivity("budget set 1 USD", where(tenant)));
      expect(answer.status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
    expect(connector.calls.length).toBe(sentBefore);
  });

  it("refuses activities from other channels, and a serviceUrl off this machine, before anything is stored", async () => {
    const before = await snapshot();
    const refs = await charter.db.prisma.conversationRef.count();
    const sentBefore = connector.calls.length;
    for (const channelId of ["slack", "directline", "sms"]) {
      const answer = await charter.post({ ...messageActivity("budget set 1 USD", where(SLACK_TEAM)), channelId });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ error: expect.stringContaining("not Microsoft Teams") });
    }
    for (const serviceUrl of [
      "https://smba.trafficmanager.net/emea/",
      "http://127.0.0.1.example.com/",
      "http://10.0.0.1:3978/",
      "file:///etc/passwd",
    ]) {
      const answer = await charter.post(messageActivity("budget set 1 USD", { serviceUrl, tenant: SLACK_TEAM }));
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ error: expect.stringContaining("loopback") });
    }
    expect(await snapshot()).toEqual(before);
    expect(await charter.db.prisma.conversationRef.count()).toBe(refs);
    expect(connector.calls.length).toBe(sentBefore);
  });

  it("still serves Teams itself, and the Emulator in the unauthenticated local mode", async () => {
    const help = await answerTo(messageActivity("project list", where(TENANT_KEY.slice("teams:".length))));
    expect(help.status).toBe(200);
    const emulator = await answerTo({
      ...messageActivity("project list", { serviceUrl: connector.url.replace("127.0.0.1", "localhost") }),
      channelId: "emulator",
      channelData: {},
      conversation: { id: "emu-1" },
    } as never);
    expect(emulator.status).toBe(200);
    expect(await charter.db.prisma.tenant.findUnique({ where: { id: "teams:emulator" } })).toMatchObject({ platform: "teams" });
  });
});

describe("Teams with an app id", () => {
  it("takes Microsoft Teams' own activities only, even with a valid token", async () => {
    const openId = await startOpenIdServer();
    const authed = await startCharterWithTeams({
      MICROSOFT_APP_ID: BOT_APP_ID,
      MICROSOFT_APP_PASSWORD: "never-used",
      MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
    });
    try {
      const token = { authorization: `Bearer ${openId.token({ aud: BOT_APP_ID, serviceUrl: connector.url })}` };
      for (const channelId of ["emulator", "webchat", "slack"]) {
        const refused = await authed.post({ ...botAddedActivity({ serviceUrl: connector.url }), channelId }, token);
        expect(refused.status).toBe(403);
      }
      expect(await authed.db.prisma.conversationRef.count()).toBe(0);
      expect(await authed.db.prisma.tenant.count()).toBe(0);
      // The same activity from Teams itself is handled.
      expect((await authed.post(botAddedActivity({ serviceUrl: connector.url }), token)).status).toBe(200);
      expect(await authed.conversations.get(TENANT_KEY, TEAM)).toMatchObject({ kind: "channel", installed: true });
    } finally {
      await authed.stop();
      await openId.close();
    }
  });
});
