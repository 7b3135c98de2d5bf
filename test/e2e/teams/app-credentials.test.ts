/**
 * The production Teams path, end to end, for each Azure Bot app type: the
 * built `charter start` with an app id, its Bot Framework endpoints pointed
 * at local stand-ins (MICROSOFT_BOT_LOGIN_URL, MICROSOFT_BOT_OAUTH_SCOPE,
 * MICROSOFT_BOT_OPENID_METADATA, MICROSOFT_BOT_TOKEN_ISSUER; a managed
 * identity through App Service's IDENTITY_ENDPOINT).
 *
 * Inbound activities must carry a JWT botbuilder validates against the local
 * signing keys; replies and proactive posts reach the local Bot Connector
 * with `Authorization: Bearer <the token the local endpoint issued>`; the
 * token is fetched once, reused, and fetched again when it expires.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, text } from "../../../src/core/views/reply.js";
import { outboxQueue } from "../../../src/store/repositories/outbox-queue.js";
import {
  BOT_APP_ID,
  CHANNEL,
  messageActivity,
  MULTI_TENANT_AUTHORITY,
  startConnector,
  startOpenIdServer,
  startTokenServer,
  TENANT_KEY,
  type ConnectorCall,
  type ConnectorServer,
  type OpenIdServer,
  type TokenRequest,
  type TokenServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

const SECRET = "client-secret-Zq8~never-in-a-log";
const APP_TENANT = "3f1e4c2a-7b6d-4e5f-9a8b-1c2d3e4f5a6b";
/** Not the public cloud's: proves the settings, not botbuilder's defaults, are what Charter uses. */
const SCOPE = "https://api.botframework.test";
const ISSUER = "https://api.botframework.test";
/** botbuilder renews a token five minutes before it expires: this one is reused for ten seconds. */
const SHORT_LIVED = 310;

interface AppType {
  type: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  env(tokens: TokenServer): Record<string, string>;
  request: Partial<TokenRequest>;
}

const APP_TYPES: AppType[] = [
  {
    type: "MultiTenant",
    env: (tokens) => ({ MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_BOT_LOGIN_URL: tokens.loginUrl }),
    request: { kind: "client-credentials", tenant: MULTI_TENANT_AUTHORITY, clientId: BOT_APP_ID, audience: `${SCOPE}/.default` },
  },
  {
    type: "SingleTenant",
    env: (tokens) => ({
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: APP_TENANT,
      MICROSOFT_APP_PASSWORD: SECRET,
      MICROSOFT_BOT_LOGIN_URL: tokens.loginUrl,
    }),
    // The app's own tenant replaces the multi-tenant authority in the token URL.
    request: { kind: "client-credentials", tenant: APP_TENANT, clientId: BOT_APP_ID, audience: `${SCOPE}/.default` },
  },
  {
    type: "UserAssignedMSI",
    env: (tokens) => ({ MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_TENANT_ID: APP_TENANT, ...tokens.managedIdentityEnv }),
    request: { kind: "managed-identity", clientId: BOT_APP_ID, audience: SCOPE },
  },
];

interface Setup {
  connector: ConnectorServer;
  openId: OpenIdServer;
  tokens: TokenServer;
  charter: TeamsCharter;
}

async function start(appType: AppType, expiresIn = 3600): Promise<Setup> {
  const connector = await startConnector();
  const openId = await startOpenIdServer();
  const tokens = await startTokenServer({ clientId: BOT_APP_ID, clientSecret: SECRET });
  tokens.expiresIn = expiresIn;
  const charter = await startCharterWithTeams({
    MICROSOFT_APP_ID: BOT_APP_ID,
    MICROSOFT_BOT_OAUTH_SCOPE: SCOPE,
    MICROSOFT_BOT_TOKEN_ISSUER: ISSUER,
    MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
    NODE_EXTRA_CA_CERTS: tokens.caFile,
    ...appType.env(tokens),
  });
  return { connector, openId, tokens, charter };
}

async function stop(setup: Partial<Setup>): Promise<void> {
  if (process.env.SHOW_CHARTER_OUTPUT) console.log(setup.charter?.output());
  await setup.charter?.stop();
  await setup.tokens?.close();
  await setup.openId?.close();
  await setup.connector?.close();
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const carrying = (words: string) => (call: ConnectorCall) =>
  call.method === "POST" && call.status === 200 && JSON.stringify(call.body).includes(words);

/** The log never holds the client secret or a token the endpoint issued. */
function expectNoSecretIn(output: string, tokens: TokenServer): void {
  expect(output).not.toContain(SECRET);
  for (const token of tokens.issued()) expect(output).not.toContain(token);
}

describe.each(APP_TYPES)("Teams with a $type app: Bot Framework tokens both ways", (appType) => {
  const setup: Partial<Setup> = {};
  let s: Setup;
  const where = () => ({ serviceUrl: s.connector.url, timeZone: "Europe/Berlin" });
  const inbound = () => s.openId.token({ aud: BOT_APP_ID, serviceUrl: s.connector.url, iss: ISSUER });

  beforeAll(async () => {
    Object.assign(setup, await start(appType, SHORT_LIVED));
    s = setup as Setup;
  });
  afterAll(() => stop(setup));

  it("refuses with 401 a request whose token is forged, for another bot or from another issuer, and asks for no token", async () => {
    const activity = messageActivity('project create "Apollo" budget 10000 USD', where());
    const claims = { aud: BOT_APP_ID, serviceUrl: s.connector.url, iss: ISSUER };
    for (const token of [
      s.openId.forgedToken(claims),
      s.openId.token({ ...claims, aud: "11111111-2222-4333-8444-555555555555" }),
      // Signed by the right key, but by the public cloud's issuer, which this configuration does not accept.
      s.openId.token({ ...claims, iss: "https://api.botframework.com" }),
    ]) {
      expect((await s.charter.post(activity, bearer(token))).status, token.slice(-12)).toBe(401);
    }
    expect(await s.charter.db.prisma.project.count()).toBe(0);
    expect(await s.charter.db.prisma.conversationRef.count()).toBe(0);
    expect(s.connector.calls).toHaveLength(0);
    expect(s.tokens.requests).toHaveLength(0);
  });

  let firstTokenAt = 0;

  it("answers a command with the token from the token endpoint, and posts proactively with the same token, fetched once", async () => {
    const res = await s.charter.post(messageActivity('project create "Apollo" budget 10000 USD', where()), bearer(inbound()));
    expect(res.status).toBe(200);
    const answer = await s.connector.waitFor(carrying("Apollo"));
    firstTokenAt = Date.now();
    expect(s.tokens.requests).toEqual([expect.objectContaining({ ...appType.request, status: 200 })]);
    const [token] = s.tokens.issued();
    expect(answer.headers.authorization).toBe(`Bearer ${token}`);

    const queued = await outboxQueue(s.charter.db).enqueue(TENANT_KEY, "teams", {
      channelId: CHANNEL,
      kind: "alert",
      dedupeKey: `alert:${appType.type}`,
      reply: reply("Budget 50% used", [text("Budget 50% used")], "channel"),
    });
    expect(queued.created).toBe(true);
    const proactive = await s.connector.waitFor(carrying("Budget 50% used"));
    expect(proactive.path).toBe(`/v3/conversations/${CHANNEL}/activities`);
    expect(proactive.headers.authorization).toBe(`Bearer ${token}`);
    // The reply's token served the outbox's post too: one request to the endpoint in all.
    expect(s.tokens.requests).toHaveLength(1);
  });

  it("gets a new token once the cached one is about to expire, and sends with it", async () => {
    expect(firstTokenAt).toBeGreaterThan(0);
    // Ten seconds of the token's 310 are usable; past them botbuilder asks again.
    await new Promise((r) => setTimeout(r, Math.max(0, firstTokenAt + 10_500 - Date.now())));
    expect((await s.charter.post(messageActivity("project list", where()), bearer(inbound()))).status).toBe(200);
    const answer = await s.connector.waitFor(
      (c) => carrying("Apollo")(c) && c.headers.authorization !== s.connector.calls[0]!.headers.authorization,
    );
    expect(s.tokens.requests.map((r) => r.status)).toEqual([200, 200]);
    const [first, second] = s.tokens.issued();
    expect(second).not.toBe(first);
    expect(answer.headers.authorization).toBe(`Bearer ${second}`);
    expectNoSecretIn(s.charter.output(), s.tokens);
  });
});

describe("Teams: a reply whose token cannot be obtained", () => {
  const setup: Partial<Setup> = {};
  let s: Setup;
  const where = () => ({ serviceUrl: s.connector.url, kind: "personal" as const, timeZone: "Europe/Berlin" });

  beforeAll(async () => {
    Object.assign(setup, await start(APP_TYPES[0]!));
    s = setup as Setup;
  });
  afterAll(() => stop(setup));

  async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("is logged as an error without secrets, queued, retried through the outbox and delivered once the endpoint is back", async () => {
    s.tokens.failWith(401);
    const message = messageActivity('project create "Gemini" budget 5000 USD', where());
    // In a channel the command starts a thread (<channel>;messageid=<its id>); the reply belongs in it.
    const inThread = messageActivity("project list", { serviceUrl: s.connector.url, timeZone: "Europe/Berlin" });
    const token = s.openId.token({ aud: BOT_APP_ID, serviceUrl: s.connector.url, iss: ISSUER });
    expect((await s.charter.post(message, bearer(token))).status).toBe(200);
    expect((await s.charter.post(inThread, bearer(token))).status).toBe(200);

    // The command is applied, its reply waits in the outbox, and the log says so.
    expect(await s.charter.db.prisma.project.count()).toBe(1);
    const replies = await s.charter.db.prisma.outboxMessage.findMany({ where: { kind: "reply" }, orderBy: { createdAt: "asc" } });
    expect(replies.map((r) => [r.platform, r.channelId])).toEqual([
      ["teams", message.conversation.id],
      ["teams", inThread.conversation.id],
    ]);
    // Waiting for its turn, or being tried by the outbox already: not sent, not given up.
    for (const r of replies) expect(["pending", "sending"]).toContain(r.status);
    expect(s.charter.output()).toMatch(/"level":"error".*teams reply not sent; queued for the outbox to retry/);
    expect(s.charter.output()).toContain("invalid_client");

    // The outbox keeps trying while the endpoint refuses, then while it cannot be reached. (A 5xx is left out:
    // MSAL then holds every token request of the process back for 60 s, whatever Retry-After says.)
    await until("a retry refused by the token endpoint", () => s.tokens.requests.filter((r) => r.status === 401).length >= 3);
    s.tokens.failWith("drop");
    await until("a retry that cannot reach the token endpoint", () => s.tokens.requests.some((r) => r.status === 0));
    expect(s.connector.calls).toHaveLength(0);

    s.tokens.recover();
    const delivered = await s.connector.waitFor((c) => carrying("Gemini")(c) && c.conversationId === message.conversation.id, 30_000);
    expect(delivered.headers.authorization).toBe(`Bearer ${s.tokens.issued()[0]}`);
    const threaded = await s.connector.waitFor((c) => carrying("Gemini")(c) && c.conversationId === inThread.conversation.id, 30_000);
    expect(threaded.path).toBe(`/v3/conversations/${inThread.conversation.id}/activities`);
    await until(
      "the replies marked sent",
      async () => (await s.charter.db.prisma.outboxMessage.count({ where: { kind: "reply", status: "sent" } })) === 2,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(
      s.connector.calls
        .filter(carrying("Gemini"))
        .map((c) => c.conversationId)
        .sort(),
    ).toEqual([inThread.conversation.id, message.conversation.id]);
    expectNoSecretIn(s.charter.output(), s.tokens);
  }, 60_000);
});
