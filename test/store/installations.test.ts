import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  installationsRepository,
  type InstallationsRepository,
  type SlackInstallationInput,
} from "../../src/store/repositories/installations.js";
import { SecretError } from "../../src/store/secrets.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { unique } from "./fixtures.js";

const key = randomBytes(32);

function input(tenantId: string, overrides: Partial<SlackInstallationInput> = {}): SlackInstallationInput {
  const botToken = `xoxb-${tenantId}-${randomBytes(8).toString("hex")}`;
  const userToken = `xoxp-${tenantId}-${randomBytes(8).toString("hex")}`;
  return {
    tenantId,
    tenantName: `Workspace ${tenantId}`,
    teamId: tenantId,
    enterpriseId: null,
    isEnterpriseWide: false,
    botUserId: "UBOT",
    botToken,
    userToken,
    scopes: ["chat:write", "commands"],
    installedById: "UINSTALLER",
    payload: { team: { id: tenantId }, bot: { token: botToken }, user: { id: "UINSTALLER", token: userToken } },
    ...overrides,
  };
}

/** Every stored value of the tenant's rows as text, read past the repository. */
async function rawRows(t: TestDatabase, tenantId: string): Promise<string> {
  const viaClient = await t.db.prisma.installation.findMany({ where: { tenantId } });
  const viaSql = await t.db.prisma.$queryRaw<unknown[]>`SELECT * FROM "Installation" WHERE "tenantId" = ${tenantId}`;
  expect(viaSql.length).toBe(viaClient.length);
  return JSON.stringify([viaClient, viaSql], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describeEachProvider("store Slack installations", (provider) => {
  let t: TestDatabase;
  let repo: InstallationsRepository;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    repo = installationsRepository(t.db, key);
  });
  afterAll(async () => t?.drop());

  it("saves and fetches an installation, creating the tenant row", async () => {
    const tenantId = unique("T");
    const saved = input(tenantId);
    await repo.save(saved);
    const { tenantName: _name, ...expected } = saved;
    expect(await repo.fetch(tenantId)).toEqual({ ...expected, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(await t.db.prisma.tenant.findUnique({ where: { id: tenantId } })).toMatchObject({
      platform: "slack",
      name: `Workspace ${tenantId}`,
    });
  });

  it("keeps tokens and payload encrypted in the table, with the plain columns readable", async () => {
    const tenantId = unique("T");
    const saved = input(tenantId);
    await repo.save(saved);
    const raw = await rawRows(t, tenantId);
    expect(raw).not.toContain("xoxb-");
    expect(raw).not.toContain("xoxp-");
    expect(raw).not.toContain(saved.botToken!.slice(5));
    const row = await t.db.prisma.installation.findFirstOrThrow({ where: { tenantId } });
    expect(row).toMatchObject({
      teamId: tenantId,
      enterpriseId: null,
      isEnterpriseWide: false,
      botUserId: "UBOT",
      scopes: "chat:write,commands",
      installedById: "UINSTALLER",
    });
    for (const column of [row.botTokenEncrypted, row.userTokenEncrypted, row.payloadEncrypted]) expect(column).toMatch(/^v1:/);
  });

  it("updates in place on re-install", async () => {
    const tenantId = unique("T");
    await repo.save(input(tenantId));
    const first = await t.db.prisma.installation.findFirstOrThrow({ where: { tenantId } });
    const again = input(tenantId, { tenantName: "Renamed", userToken: null, scopes: ["chat:write"] });
    await repo.save(again);
    const rows = await t.db.prisma.installation.findMany({ where: { tenantId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(first.id);
    expect(rows[0]!.userTokenEncrypted).toBeNull();
    const fetched = await repo.fetch(tenantId);
    expect(fetched).toMatchObject({ botToken: again.botToken, userToken: null, scopes: ["chat:write"], payload: again.payload });
    expect(fetched!.createdAt).toEqual(first.createdAt);
    expect((await t.db.prisma.tenant.findUnique({ where: { id: tenantId } }))?.name).toBe("Renamed");
  });

  it("keeps one installation when installs of the same tenant race", async () => {
    // Org-wide: teamId is NULL, so the unique index alone would not stop duplicates.
    const tenantId = unique("E");
    // Several rounds: later rounds race updates of the current row against inserts and clean-ups,
    // which once deleted every row between two saves.
    for (let round = 0; round < 8; round++) {
      const saves = Array.from({ length: 6 }, () => input(tenantId, { teamId: null, enterpriseId: tenantId, isEnterpriseWide: true }));
      await Promise.all(saves.map((s) => repo.save(s)));
      expect(await t.db.prisma.installation.count({ where: { tenantId } })).toBe(1);
      const fetched = await repo.fetch(tenantId);
      expect(saves.map((s) => s.botToken)).toContain(fetched!.botToken);
    }
  });

  it("deletes the tenant's installation only", async () => {
    const a = unique("T");
    const b = unique("T");
    await repo.save(input(a));
    await repo.save(input(b));
    expect(await repo.delete(a)).toBe(true);
    expect(await repo.fetch(a)).toBeNull();
    expect(await repo.delete(a)).toBe(false);
    expect(await repo.fetch(b)).not.toBeNull();
  });

  it("isolates tenants: fetching B never returns A's token", async () => {
    const a = input(unique("T"));
    const b = input(unique("T"));
    await repo.save(a);
    expect(await repo.fetch(b.tenantId)).toBeNull();
    await repo.save(b);
    const fetchedB = await repo.fetch(b.tenantId);
    expect(fetchedB!.botToken).toBe(b.botToken);
    expect(JSON.stringify(fetchedB)).not.toContain(a.botToken!);
    expect((await repo.fetch(a.tenantId))!.botToken).toBe(a.botToken);
  });

  it("refuses ciphertext moved to another tenant's row", async () => {
    const a = input(unique("T"));
    const b = input(unique("T"));
    await repo.save(a);
    await repo.save(b);
    const rowA = await t.db.prisma.installation.findFirstOrThrow({ where: { tenantId: a.tenantId } });
    await t.db.prisma.installation.updateMany({ where: { tenantId: b.tenantId }, data: { botTokenEncrypted: rowA.botTokenEncrypted } });
    await expect(repo.fetch(b.tenantId)).rejects.toThrow(SecretError);
    await expect(repo.fetch(b.tenantId)).rejects.not.toThrow(a.botToken!);
  });

  it("refuses ciphertext moved to another column", async () => {
    const a = input(unique("T"));
    await repo.save(a);
    const row = await t.db.prisma.installation.findFirstOrThrow({ where: { tenantId: a.tenantId } });
    await t.db.prisma.installation.updateMany({ where: { tenantId: a.tenantId }, data: { userTokenEncrypted: row.botTokenEncrypted } });
    await expect(repo.fetch(a.tenantId)).rejects.toThrow(SecretError);
  });

  it("fails clearly under another key", async () => {
    const a = input(unique("T"));
    await repo.save(a);
    const other = installationsRepository(t.db, randomBytes(32));
    await expect(other.fetch(a.tenantId)).rejects.toThrow(/CHARTER_ENCRYPTION_KEY is not the key it was written with/);
  });
});
