import { describe, expect, it } from "vitest";
import { teamsSettings } from "../../../src/adapters/teams/settings.js";
import { ConfigError, loadConfig } from "../../../src/config.js";

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
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "charter.example.com"]) expect(problemsOf({ TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: host })).toEqual([refusal]);
    for (const host of ["127.0.0.1", "::1", "localhost", "LocalHost"]) expect(problemsOf({ TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: host })).toEqual([]);
  });

  it("takes each app type with what it needs", () => {
    expect(teamsSettings(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret" }))).toEqual({ auth: "app", appId: APP, appType: "MultiTenant", appPassword: "s3cret" });
    expect(teamsSettings(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TYPE: "singletenant", MICROSOFT_APP_TENANT_ID: TENANT }))).toMatchObject({
      appType: "SingleTenant",
      tenantId: TENANT,
    });
    expect(teamsSettings(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_TENANT_ID: TENANT }))).toMatchObject({ appType: "UserAssignedMSI" });
  });

  it("names each missing or conflicting variable, never echoing a secret", () => {
    expect(problemsOf({ MICROSOFT_APP_PASSWORD: "hunter2-secret" })).toEqual(["MICROSOFT_APP_ID: required when MICROSOFT_APP_PASSWORD is set (the Azure Bot's Microsoft App ID)"]);
    expect(problemsOf({ MICROSOFT_APP_ID: APP })).toEqual(["MICROSOFT_APP_PASSWORD: required for a MultiTenant bot (a client secret of the app registration)"]);
    expect(problemsOf({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "x", MICROSOFT_APP_TYPE: "SingleTenant" })).toEqual([
      "MICROSOFT_APP_TENANT_ID: required for a SingleTenant bot (the tenant of its app registration)",
    ]);
    expect(problemsOf({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "hunter2-secret", MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_TENANT_ID: TENANT })).toEqual([
      "MICROSOFT_APP_PASSWORD: leave it unset for UserAssignedMSI; the managed identity has no password",
    ]);
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
});
