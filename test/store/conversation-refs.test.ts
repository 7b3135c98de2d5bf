import { afterAll, beforeAll, expect, it } from "vitest";
import { conversationRefsRepository } from "../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase, type TestProvider } from "../support/db.js";

describeEachProvider("conversation references", (provider: TestProvider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());
  const repo = () => conversationRefsRepository(database.db);
  const reference = (conversationId: string, user?: { id: string; aadObjectId?: string }) => ({
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    conversation: { id: conversationId, tenantId: "t1" },
    bot: { id: "28:bot" },
    ...(user ? { user } : {}),
  });

  it("creates the tenant and stores one reference per conversation, replacing it on save", async () => {
    await repo().save({
      tenantId: "t1",
      conversationId: "19:c1",
      serviceUrl: "https://a/",
      reference: reference("19:c1"),
      kind: "channel",
    });
    await repo().save({
      tenantId: "t1",
      conversationId: "19:c1",
      serviceUrl: "https://b/",
      reference: reference("19:c1"),
      kind: "channel",
    });
    const stored = await repo().get("t1", "19:c1");
    expect(stored).toMatchObject({ tenantId: "t1", conversationId: "19:c1", serviceUrl: "https://b/", kind: "channel", installed: true });
    expect(stored?.reference).toEqual(reference("19:c1"));
    expect(await database.db.prisma.tenant.findUnique({ where: { id: "t1" } })).toMatchObject({ platform: "teams" });
    expect(await repo().list("t1")).toHaveLength(1);
  });

  it("keeps tenants apart", async () => {
    await repo().save({
      tenantId: "t2",
      conversationId: "19:c1",
      serviceUrl: "https://c/",
      reference: reference("19:c1"),
      kind: "groupChat",
    });
    expect((await repo().get("t1", "19:c1"))?.serviceUrl).toBe("https://b/");
    expect((await repo().get("t2", "19:c1"))?.kind).toBe("groupChat");
    expect(await repo().get("t3", "19:c1")).toBeNull();
  });

  it("marks a conversation uninstalled, and installed again on the next save", async () => {
    expect(await repo().markUninstalled("t1", "19:c1")).toBe(true);
    expect((await repo().get("t1", "19:c1"))?.installed).toBe(false);
    expect(await repo().markUninstalled("t1", "19:none")).toBe(false);
    await repo().save({
      tenantId: "t1",
      conversationId: "19:c1",
      serviceUrl: "https://b/",
      reference: reference("19:c1"),
      kind: "channel",
    });
    expect((await repo().get("t1", "19:c1"))?.installed).toBe(true);
  });

  it("finds a user's personal chat by their Entra object id or channel id", async () => {
    await repo().save({
      tenantId: "t1",
      conversationId: "a:alice",
      serviceUrl: "https://b/",
      reference: reference("a:alice", { id: "29:alice", aadObjectId: "aad-alice" }),
      kind: "personal",
    });
    await repo().save({
      tenantId: "t1",
      conversationId: "a:bob",
      serviceUrl: "https://b/",
      reference: reference("a:bob", { id: "29:bob" }),
      kind: "personal",
    });
    expect((await repo().findPersonal("t1", "aad-alice"))?.conversationId).toBe("a:alice");
    expect((await repo().findPersonal("t1", "29:alice"))?.conversationId).toBe("a:alice");
    expect((await repo().findPersonal("t1", "29:bob"))?.conversationId).toBe("a:bob");
    // A substring of another id is not a match, nor is another tenant's chat.
    expect(await repo().findPersonal("t1", "alice")).toBeNull();
    expect(await repo().findPersonal("t2", "aad-alice")).toBeNull();
  });
});
