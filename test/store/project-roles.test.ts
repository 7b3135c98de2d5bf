import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate, migrationsDirectory } from "../../src/store/migrate.js";
import { createTestDatabase, describeEachProvider, type TestDatabase, type TestProvider } from "../support/db.js";

/** Runs statements through the plain driver, as an older release would have written its rows. */
async function exec(t: TestDatabase, statements: string[]): Promise<void> {
  if (t.provider === "sqlite") {
    const db = new Sqlite(t.url.slice("file:".length));
    try {
      for (const sql of statements) db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The provider's migrations before project roles, in a folder of their own. */
async function migrationsBeforeRoles(provider: TestProvider): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "charter-roles-"));
  await cp(migrationsDirectory(provider), dir, { recursive: true });
  for (const name of await readdir(dir)) if (name >= "20261127000923") await rm(join(dir, name), { recursive: true, force: true });
  return dir;
}

describeEachProvider("project roles store", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(() => t?.drop());

  async function project(tenant: string) {
    const owner = await t.store.members.ensure(tenant, { platformUserId: "pat" });
    const scope = { tenantId: tenant, actorId: owner.id };
    const p = await t.store.projects.create(scope, { name: "Apollo", currency: "USD" });
    return { owner, scope, project: p };
  }

  it("makes the creator the owner; gives, changes and takes away roles with an audit event, writing nothing when unchanged", async () => {
    const { owner, scope, project: p } = await project("t-roles-1");
    const sam = await t.store.members.ensure("t-roles-1", { platformUserId: "sam" });
    expect(await t.store.roles.list("t-roles-1", p.id)).toMatchObject([{ memberId: owner.id, role: "owner" }]);
    expect(await t.store.roles.set(scope, p.id, sam.id, "manager")).toEqual({ before: null, after: "manager" });
    expect((await t.store.roles.list("t-roles-1", p.id)).map((r) => [r.memberId, r.role])).toEqual([
      [owner.id, "owner"],
      [sam.id, "manager"],
    ]);
    const events = async () => (await t.store.audit.list("t-roles-1", { projectId: p.id, limit: 100 })).map((e) => e.action);
    const written = await events();
    expect(await t.store.roles.set(scope, p.id, sam.id, "manager")).toEqual({ before: "manager", after: "manager" });
    expect(await events()).toEqual(written);

    // Owners first in the list; who may grant, and that one owner stays, are the core's rules (core/authorization.ts).
    expect(await t.store.roles.set(scope, p.id, sam.id, "owner")).toEqual({ before: "manager", after: "owner" });
    expect(await t.store.roles.set(scope, p.id, owner.id, null)).toEqual({ before: "owner", after: null });
    expect((await t.store.roles.list("t-roles-1", p.id)).map((r) => [r.memberId, r.role])).toEqual([[sam.id, "owner"]]);
    const [removed] = await t.store.audit.list("t-roles-1", { projectId: p.id, limit: 1 });
    expect(removed).toMatchObject({
      action: "project.role.remove",
      entityId: owner.id,
      before: { memberId: owner.id, role: "owner" },
      after: null,
    });
    await expect(t.store.roles.set(scope, p.id, "no-such-member", "manager")).rejects.toMatchObject({
      name: "StoreConflict",
      reason: "not_found",
    });
  });

  it("never touches another tenant's project", async () => {
    const { project: p } = await project("t-roles-2");
    const { scope: otherOwner } = await project("t-roles-3");
    await expect(t.store.roles.set(otherOwner, p.id, otherOwner.actorId, "owner")).rejects.toMatchObject({
      name: "StoreConflict",
      reason: "not_found",
    });
    expect(await t.store.roles.list("t-roles-3", p.id)).toEqual([]);
  });

  it("backfills owners, task creators and cost numbers for data from before roles", async () => {
    const old = await createTestDatabase(provider, { migrate: false });
    const dir = await migrationsBeforeRoles(provider);
    try {
      await migrate(old.url, { migrationsDir: dir });
      await exec(old, [
        `INSERT INTO "Tenant" ("id", "platform") VALUES ('t-old', 'local')`,
        `INSERT INTO "Member" ("id", "tenantId", "platformUserId", "name") VALUES ('m-pat', 't-old', 'pat', 'pat'), ('m-bob', 't-old', 'bob', 'bob')`,
        `INSERT INTO "Project" ("id", "tenantId", "name", "nameKey", "currency", "managerId") VALUES ('p-1', 't-old', 'Apollo', 'apollo', 'USD', 'm-pat'), ('p-2', 't-old', 'Zeus', 'zeus', 'USD', 'm-bob')`,
        `INSERT INTO "Task" ("id", "tenantId", "projectId", "number", "title") VALUES ('task-1', 't-old', 'p-1', 1, 'Logged'), ('task-2', 't-old', 'p-1', 2, 'Unknown')`,
        `INSERT INTO "AuditEvent" ("id", "tenantId", "projectId", "actorId", "action", "entity", "entityId") VALUES ('a-1', 't-old', 'p-1', 'm-bob', 'task.add', 'task', 'task-1')`,
        `INSERT INTO "CostEntry" ("id", "tenantId", "projectId", "amount", "currency", "category", "incurredOn", "createdById") VALUES
          ('cost-a', 't-old', 'p-1', 100, 'USD', 'other', '2026-03-01', 'm-bob'),
          ('cost-b', 't-old', 'p-1', 200, 'USD', 'other', '2026-03-01', 'm-pat'),
          ('cost-c', 't-old', 'p-2', 300, 'USD', 'other', '2026-03-01', 'm-bob')`,
      ]);
      await migrate(old.url);
      // Later migrations name the local tenant with its platform (tenant_keys).
      const now = "local:t-old";
      expect((await old.store.roles.list(now, "p-1")).map((r) => [r.memberId, r.role])).toEqual([["m-pat", "owner"]]);
      expect((await old.store.roles.list(now, "p-2")).map((r) => [r.memberId, r.role])).toEqual([["m-bob", "owner"]]);
      const tasks = await old.store.tasks.list(now, "p-1");
      expect(tasks.map((task) => [task.number, task.createdById])).toEqual([
        [1, "m-bob"],
        [2, null],
      ]);
      expect((await old.store.costs.list(now, "p-1")).map((c) => [c.id, c.number]).sort()).toEqual([
        ["cost-a", 1],
        ["cost-b", 2],
      ]);
      expect((await old.store.costs.byNumber(now, "p-2", 1))?.id).toBe("cost-c");
      // New costs carry on after the backfilled numbers.
      expect(
        (
          await old.store.costs.add({ tenantId: now, actorId: "m-bob" }, "p-1", {
            amount: 5n,
            currency: "USD",
            category: "other",
            incurredOn: "2026-03-02",
          })
        ).number,
      ).toBe(3);
    } finally {
      await old.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
