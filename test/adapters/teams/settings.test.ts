import { describe, expect, it } from "vitest";
import { BOT_FRAMEWORK_CLOUDS, tokenAuthority } from "../../../src/adapters/teams/bot-framework-cloud.js";
import { teamsSettings } from "../../../src/adapters/teams/settings.js";
import { type ConfigError, loadConfig } from "../../../src/config.js";

const APP = "0b6d8ae8-5c3e-4d1a-9c1f-6f1a2b3c4d5e";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
}

describe("Teams settings", () => {
  it("is off unless an app id or the unauthenticated mode is given", () => {
    expect(teamsSettings(loadConfig({}))).toBeNull();
    expect(teamsSettings(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: "false" }))).toBeNull();
    expect(teamsSettings(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: "127.0.0.1" }))).toEqual({ auth: "none" });
  });

  it("refuses the unauthenticated mode unless Charter listens on this machine only", () => {
    const refusal =
      "TEAMS_ALLOW_UNAUTHENTICATED: only for local development; set HOST to 127.0.0.1, ::1 or localhost (Charter then listens on this machine only), or configure MICROSOFT_APP_ID";
    expect(problemsOf({ TEAMS_ALLOW_UNAUTHENTICATED: "true" })).toEqual([refusal]);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "charter.example.com"])
      expect(problemsOf({ TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: host })).toEqual([refusal]);
    for (const host of ["127.0.0.1", "::1", "localhost", "LocalHost"])
      expect(problemsOf({ TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: host })).toEqual([]);
  });

  it("takes each app type with what it needs", () => {
    expect(teamsSettings(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret" }))).toEqual({
      auth: "app",
      appId: APP,
      appType: "MultiTenant",
      appPassword: "s3cret",
      endpoints: BOT_FRAMEWORK_CLOUDS.public,
    });
    expect(
      teamsSettings(
        loadConfig({
          MICROSOFT_APP_ID: APP,
          MICROSOFT_APP_PASSWORD: "s3cret",
          MICROSOFT_APP_TYPE: "singletenant",
          MICROSOFT_APP_TENANT_ID: TENANT,
        }),
      ),
    ).toMatchObject({
      appType: "SingleTenant",
      tenantId: TENANT,
    });
    expect(
      teamsSettings(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_TENANT_ID: TENANT })),
    ).toMatchObject({ appType: "UserAssignedMSI" });
  });

  it("names each missing or conflicting variable, never echoing a secret", () => {
    expect(problemsOf({ MICROSOFT_APP_PASSWORD: "hunter2-secret" })).toEqual([
      "MICROSOFT_APP_ID: required when MICROSOFT_APP_PASSWORD is set (the Azure Bot's Microsoft App ID)",
    ]);
    expect(problemsOf({ MICROSOFT_APP_ID: APP })).toEqual([
      "MICROSOFT_APP_PASSWORD: required for a MultiTenant bot (a client secret of the app registration)",
    ]);
    expect(problemsOf({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "x", MICROSOFT_APP_TYPE: "SingleTenant" })).toEqual([
      "MICROSOFT_APP_TENANT_ID: required for a SingleTenant bot (the tenant of its app registration)",
    ]);
    expect(
      problemsOf({
        MICROSOFT_APP_ID: APP,
        MICROSOFT_APP_PASSWORD: "hunter2-secret",
        MICROSOFT_APP_TYPE: "UserAssignedMSI",
        MICROSOFT_APP_TENANT_ID: TENANT,
      }),
    ).toEqual(["MICROSOFT_APP_PASSWORD: leave it unset for UserAssignedMSI; the managed identity has no password"]);
    expect(problemsOf({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "x", TEAMS_ALLOW_UNAUTHENTICATED: "true" })).toEqual([
      "TEAMS_ALLOW_UNAUTHENTICATED: leave it unset when MICROSOFT_APP_ID is set; every request is then authenticated",
    ]);
    const bad = problemsOf({ MICROSOFT_APP_ID: "hunter2-not-a-guid", MICROSOFT_APP_TYPE: "Hybrid", TEAMS_ALLOW_UNAUTHENTICATED: "yes" });
    expect(bad).toEqual([
      "MICROSOFT_APP_ID: expected the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000",
      "MICROSOFT_APP_TYPE: expected MultiTenant, SingleTenant or UserAssignedMSI",
      "TEAMS_ALLOW_UNAUTHENTICATED: expected true or false",
    ]);
    expect(bad.join()).not.toContain("hunter2");
  });

  it("uses the public cloud's Bot Framework endpoints unless another cloud is named, and each one set replaces the cloud's", () => {
    const app = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret" };
    const endpointsOf = (env: Record<string, string>) => {
      const settings = teamsSettings(loadConfig({ ...app, ...env }));
      return settings?.auth === "app" ? settings.endpoints : undefined;
    };
    expect(endpointsOf({})).toMatchObject({
      loginUrl: "https://login.microsoftonline.com/botframework.com",
      oauthScope: "https://api.botframework.com",
      openIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
      tokenIssuer: "https://api.botframework.com",
    });
    expect(endpointsOf({ MICROSOFT_BOT_CLOUD: "usgov" })).toMatchObject({
      loginUrl: "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us",
      oauthScope: "https://api.botframework.us",
      openIdMetadataUrl: "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
      tokenIssuer: "https://api.botframework.us",
      callerId: "urn:botframework:azureusgov",
    });
    expect(endpointsOf({ MICROSOFT_BOT_CLOUD: "china" })).toMatchObject({
      loginUrl: "https://login.partner.microsoftonline.cn/microsoftservices.partner.onmschina.cn",
      oauthScope: "https://api.botframework.azure.cn",
      openIdMetadataUrl: "https://login.botframework.azure.cn/v1/.well-known/openidconfiguration",
      tokenIssuer: "https://api.botframework.azure.cn",
    });
    expect(
      endpointsOf({
        MICROSOFT_BOT_CLOUD: "usgov",
        MICROSOFT_BOT_LOGIN_URL: "https://login.example.test/bots",
        MICROSOFT_BOT_OAUTH_SCOPE: "https://api.example.test",
        MICROSOFT_BOT_OPENID_METADATA: "https://keys.example.test/openid",
        MICROSOFT_BOT_TOKEN_ISSUER: "https://issuer.example.test",
      }),
    ).toEqual({
      ...BOT_FRAMEWORK_CLOUDS.usgov,
      loginUrl: "https://login.example.test/bots",
      oauthScope: "https://api.example.test",
      openIdMetadataUrl: "https://keys.example.test/openid",
      tokenIssuer: "https://issuer.example.test",
    });
  });

  it("gets a single-tenant bot's tokens from its own tenant on the login URL's host", () => {
    expect(tokenAuthority(BOT_FRAMEWORK_CLOUDS.public, undefined)).toBe("https://login.microsoftonline.com/botframework.com");
    expect(tokenAuthority(BOT_FRAMEWORK_CLOUDS.public, TENANT)).toBe(`https://login.microsoftonline.com/${TENANT}`);
    expect(tokenAuthority(BOT_FRAMEWORK_CLOUDS.china, TENANT)).toBe(`https://login.partner.microsoftonline.cn/${TENANT}`);
    expect(tokenAuthority({ ...BOT_FRAMEWORK_CLOUDS.public, loginUrl: "https://127.0.0.1:8443/botframework.com" }, TENANT)).toBe(
      `https://127.0.0.1:8443/${TENANT}`,
    );
  });

  it("refuses Bot Framework endpoints that are not URLs, a login URL without https or for a managed identity, and endpoints without an app id", () => {
    const app = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret" };
    expect(
      problemsOf({ ...app, MICROSOFT_BOT_CLOUD: "mars", MICROSOFT_BOT_OAUTH_SCOPE: "api.botframework", MICROSOFT_BOT_TOKEN_ISSUER: "x" }),
    ).toEqual([
      "MICROSOFT_BOT_CLOUD: expected public, usgov or china",
      "MICROSOFT_BOT_OAUTH_SCOPE: expected the audience of the Bot Connector's tokens, such as https://api.botframework.com",
      "MICROSOFT_BOT_TOKEN_ISSUER: expected the issuer of the Bot Connector's tokens, such as https://api.botframework.com",
    ]);
    expect(problemsOf({ ...app, MICROSOFT_BOT_LOGIN_URL: "http://login.example.test/botframework.com" })).toEqual([
      "MICROSOFT_BOT_LOGIN_URL: expected the https URL of the Microsoft Entra authority bots get tokens from, such as https://login.microsoftonline.com/botframework.com",
    ]);
    expect(
      problemsOf({
        MICROSOFT_APP_ID: APP,
        MICROSOFT_APP_TYPE: "UserAssignedMSI",
        MICROSOFT_APP_TENANT_ID: TENANT,
        MICROSOFT_BOT_LOGIN_URL: "https://login.example.test/t",
      }),
    ).toEqual([
      "MICROSOFT_BOT_LOGIN_URL: leave it unset for UserAssignedMSI; the managed identity gets its tokens from the Azure host, not from a login URL",
    ]);
    // The managed identity still takes the cloud's audience and signing keys.
    expect(
      problemsOf({
        MICROSOFT_APP_ID: APP,
        MICROSOFT_APP_TYPE: "UserAssignedMSI",
        MICROSOFT_APP_TENANT_ID: TENANT,
        MICROSOFT_BOT_CLOUD: "usgov",
      }),
    ).toEqual([]);
    expect(problemsOf({ MICROSOFT_BOT_CLOUD: "usgov", MICROSOFT_BOT_OAUTH_SCOPE: "https://api.botframework.us" })).toEqual([
      "MICROSOFT_APP_ID: required when MICROSOFT_BOT_CLOUD is set (the Azure Bot's Microsoft App ID)",
      "MICROSOFT_APP_ID: required when MICROSOFT_BOT_OAUTH_SCOPE is set (the Azure Bot's Microsoft App ID)",
    ]);
  });
});
