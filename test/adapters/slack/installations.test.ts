import { randomBytes } from "node:crypto";
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { installationTenant, queryTenant, slackInstallations } from "../../../src/adapters/slack/installations.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../../support/db.js";
import { unique } from "../../store/fixtures.js";

const key = randomBytes(32);

function workspaceInstall(teamId: string, enterpriseId?: string): Installation<"v2", false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: enterpriseId ? { id: enterpriseId, name: "Grid" } : undefined,
    user: { id: "UINSTALL", token: undefined, scopes: undefined },
    bot: { token: `xoxb-${teamId}-${randomBytes(6).toString("hex")}`, scopes: ["chat:write", "commands"], id: "B1", userId: "UBOT" },
    appId: "A1",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

function orgInstall(enterpriseId: string): Installation<"v2", true> {
  return {
    team: undefined,
    enterprise: { id: enterpriseId, name: `Org ${enterpriseId}` },
    user: { id: "UADMIN", token: `xoxp-${randomBytes(6).toString("hex")}`, scopes: ["admin"] },
    bot: { token: `xoxb-${enterpriseId}-${randomBytes(6).toString("hex")}`, scopes: ["chat:write"], id: "B2", userId: "UBOT2" },
    appId: "A1",
    enterpriseUrl: "https://grid.enterprise.slack.com/",
    tokenType: "bot",
    isEnterpriseInstall: true,
    authVersion: "v2",
  };
}

const teamQuery = (teamId: string, enterpriseId?: string): InstallationQuery<false> => ({
  teamId,
  enterpriseId,
  isEnterpriseInstall: false,
});
const orgQuery = (enterpriseId: string, teamId?: string): InstallationQuery<boolean> => ({
  enterpriseId,
  teamId: teamId as undefined,
  isEnterpriseInstall: true,
});

describeEachProvider("Slack installations (Bolt's InstallationStore)", (provider) => {
  let t: TestDatabase;
  let installations: InstallationStore;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    installations = slackInstallations(t.db, key);
  });
  afterAll(async () => t?.drop());

  it("stores and fetches a workspace installation", async () => {
    const teamId = unique("T");
    const installation = workspaceInstall(teamId);
    await installations.storeInstallation(installation);
    expect(await installations.fetchInstallation(teamQuery(teamId))).toEqual(installation);
    expect(await t.db.prisma.tenant.findUnique({ where: { id: `slack:${teamId}` } })).toMatchObject({
      platform: "slack",
      name: `Team ${teamId}`,
    });
    const row = await t.db.prisma.installation.findFirstOrThrow({ where: { tenantId: `slack:${teamId}` } });
    expect(row).toMatchObject({
      teamId,
      enterpriseId: null,
      isEnterpriseWide: false,
      botUserId: "UBOT",
      scopes: "chat:write,commands",
      installedById: "UINSTALL",
    });
    expect(JSON.stringify(row)).not.toContain("xoxb-");
  });

  it("keys a workspace inside an enterprise by its team", async () => {
    const teamId = unique("T");
    const enterpriseId = unique("E");
    const installation = workspaceInstall(teamId, enterpriseId);
    await installations.storeInstallation(installation);
    expect(await installations.fetchInstallation(teamQuery(teamId, enterpriseId))).toEqual(installation);
    expect(await t.db.prisma.installation.findFirst({ where: { tenantId: `slack:${teamId}` } })).toMatchObject({
      enterpriseId,
      isEnterpriseWide: false,
    });
    await expect(installations.fetchInstallation(orgQuery(enterpriseId))).rejects.toThrow(/not installed/);
  });

  it("keys an org-wide installation by its enterprise", async () => {
    const enterpriseId = unique("E");
    const installation = orgInstall(enterpriseId);
    await installations.storeInstallation(installation);
    // Events from any workspace of the org name that workspace too.
    expect(await installations.fetchInstallation(orgQuery(enterpriseId, unique("T")))).toEqual(installation);
    expect(await t.db.prisma.installation.findFirst({ where: { tenantId: `slack:${enterpriseId}` } })).toMatchObject({
      teamId: null,
      isEnterpriseWide: true,
    });
    expect(await t.db.prisma.tenant.findUnique({ where: { id: `slack:${enterpriseId}` } })).toMatchObject({ name: `Org ${enterpriseId}` });
    const raw = JSON.stringify(await t.db.prisma.installation.findFirst({ where: { tenantId: `slack:${enterpriseId}` } }));
    expect(raw).not.toContain("xoxb-");
    expect(raw).not.toContain("xoxp-");
  });

  it("replaces the installation on re-install", async () => {
    const teamId = unique("T");
    await installations.storeInstallation(workspaceInstall(teamId));
    const again = workspaceInstall(teamId);
    await installations.storeInstallation(again);
    expect((await installations.fetchInstallation(teamQuery(teamId))).bot?.token).toBe(again.bot!.token);
    expect(await t.db.prisma.installation.count({ where: { tenantId: `slack:${teamId}` } })).toBe(1);
  });

  it("never returns one team's installation for another", async () => {
    const a = workspaceInstall(unique("T"));
    const b = workspaceInstall(unique("T"));
    await installations.storeInstallation(a);
    await expect(installations.fetchInstallation(teamQuery(b.team.id))).rejects.toThrow(
      `Charter is not installed in Slack workspace ${b.team.id}`,
    );
    await installations.storeInstallation(b);
    const fetched = await installations.fetchInstallation(teamQuery(b.team.id));
    expect(fetched.bot?.token).toBe(b.bot!.token);
    expect(JSON.stringify(fetched)).not.toContain(a.bot!.token);
  });

  it("deletes an installation", async () => {
    const teamId = unique("T");
    const other = unique("T");
    await installations.storeInstallation(workspaceInstall(teamId));
    await installations.storeInstallation(workspaceInstall(other));
    await installations.deleteInstallation!(teamQuery(teamId));
    await expect(installations.fetchInstallation(teamQuery(teamId))).rejects.toThrow(/not installed/);
    await installations.deleteInstallation!(teamQuery(teamId));
    expect((await installations.fetchInstallation(teamQuery(other))).team?.id).toBe(other);
  });

  it("rejects installations and queries that name no tenant", async () => {
    const broken = { ...workspaceInstall("T1"), team: undefined } as unknown as Installation;
    await expect(installations.storeInstallation(broken)).rejects.toThrow("Slack installation names no team id.");
    await expect(
      installations.fetchInstallation({ isEnterpriseInstall: true, enterpriseId: undefined as unknown as string, teamId: undefined }),
    ).rejects.toThrow(/org-wide but names no enterprise id/);
  });
});

it("names the tenant by enterprise for org-wide installs, else by team", () => {
  expect(installationTenant(workspaceInstall("T1", "E1"))).toBe("slack:T1");
  expect(installationTenant(orgInstall("E1"))).toBe("slack:E1");
  expect(queryTenant(teamQuery("T1", "E1"))).toBe("slack:T1");
  expect(queryTenant(orgQuery("E1", "T1"))).toBe("slack:E1");
});
