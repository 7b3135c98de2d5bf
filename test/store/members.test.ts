import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { unique } from "./fixtures.js";

describeEachProvider("store tenants and members", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("ensures a tenant and updates its name", async () => {
    const tenantId = unique("T");
    await t.store.tenants.ensure(tenantId, "teams");
    await t.store.tenants.ensure(tenantId, "teams", "Contoso");
    await t.store.tenants.ensure(tenantId, "teams");
    const row = await t.db.prisma.tenant.findUnique({ where: { id: tenantId } });
    expect(row).toMatchObject({ id: tenantId, platform: "teams", name: "Contoso" });
  });

  it("never moves a tenant to another platform: asking on the wrong one is refused and changes nothing", async () => {
    const tenantId = unique("T");
    await t.store.tenants.ensure(tenantId, "slack", "Acme");
    await expect(t.store.tenants.ensure(tenantId, "teams", "Renamed")).rejects.toThrow(/belongs to slack, not teams/);
    expect(await t.db.prisma.tenant.findUnique({ where: { id: tenantId } })).toMatchObject({ platform: "slack", name: "Acme" });
    // A tenant key names its platform: a Slack key is never created as a Teams or local tenant.
    const key = `slack:${unique("T").replace(/-/g, "")}`;
    await expect(t.store.tenants.ensure(key, "teams")).rejects.toThrow(/belongs to slack, not teams/);
    await expect(t.store.tenants.ensure(key, "local")).rejects.toThrow(/belongs to slack, not local/);
    expect(await t.db.prisma.tenant.findUnique({ where: { id: key } })).toBeNull();
    // A member's first sight creates a keyed tenant on its own platform.
    await t.store.members.ensure(`teams:${tenantId}`, { platformUserId: "U1" });
    expect(await t.db.prisma.tenant.findUnique({ where: { id: `teams:${tenantId}` } })).toMatchObject({ platform: "teams" });
  });

  it("creates a member (and its tenant row) on first sight, then finds and updates it", async () => {
    const tenantId = unique("T");
    const created = await t.store.members.ensure(tenantId, { platformUserId: "U1", name: "Ann", timeZone: "Europe/Paris" });
    expect(created).toEqual({
      id: expect.any(String),
      tenantId,
      platformUserId: "U1",
      name: "Ann",
      timeZone: "Europe/Paris",
      role: "member",
      quietHours: "20:00-08:00",
    });
    expect(await t.db.prisma.tenant.findUnique({ where: { id: tenantId } })).not.toBeNull();

    expect(await t.store.members.ensure(tenantId, { platformUserId: "U1" })).toEqual(created);
    const renamed = await t.store.members.ensure(tenantId, { platformUserId: "U1", name: "Ann B.", timeZone: null });
    expect(renamed).toEqual({ ...created, name: "Ann B.", timeZone: null });
    expect(await t.store.members.get(tenantId, created.id)).toEqual(renamed);
  });

  it("uses the platform id as the name until one is known", async () => {
    const member = await t.store.members.ensure(unique("T"), { platformUserId: "U-no-name" });
    expect(member.name).toBe("U-no-name");
    expect(member.timeZone).toBeNull();
  });

  it("returns one member for simultaneous first messages", async () => {
    const tenantId = unique("T");
    const members = await Promise.all(
      Array.from({ length: 5 }, () => t.store.members.ensure(tenantId, { platformUserId: "U-race", name: "Racer" })),
    );
    expect(new Set(members.map((m) => m.id)).size).toBe(1);
  });

  it("getMany returns known members of the tenant in the order asked", async () => {
    const tenantId = unique("T");
    const a = await t.store.members.ensure(tenantId, { platformUserId: "UA", name: "A" });
    const b = await t.store.members.ensure(tenantId, { platformUserId: "UB", name: "B" });
    const other = await t.store.members.ensure(unique("T"), { platformUserId: "UA", name: "Other" });
    expect((await t.store.members.getMany(tenantId, [b.id, "missing", a.id, other.id, b.id])).map((m) => m.id)).toEqual([b.id, a.id]);
    expect(await t.store.members.getMany(tenantId, [])).toEqual([]);
    expect(await t.store.members.get(tenantId, other.id)).toBeNull();
  });
});
