import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createProject, createTenant, unique, type TenantFixture } from "./fixtures.js";

describeEachProvider("store standup answers of several days", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  async function schedule(of: TenantFixture = tenant) {
    const project = await createProject(t.store, of);
    return t.store.standups.setup(of.scope, project.id, unique("C"), {
      platform: "local",
      days: ["mon", "tue", "wed", "thu", "fri"],
      time: "09:00",
      timeZone: "UTC",
      participants: [of.manager.id],
    });
  }

  it("returns each asked day's answers under schedule|date, as answers() does, and nothing of days not asked", async () => {
    const [a, b] = [await schedule(), await schedule()];
    const ana = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("ana"), name: "ana" });
    await t.store.standups.answer(tenant.scope, a.id, "2026-06-15", { today: "a, Monday, manager" });
    await t.store.standups.answer({ tenantId: tenant.tenantId, actorId: ana.id }, a.id, "2026-06-15", { today: "a, Monday, ana" });
    await t.store.standups.answer(tenant.scope, a.id, "2026-06-16", { today: "a, Tuesday" });
    await t.store.standups.answer(tenant.scope, b.id, "2026-06-16", { today: "b, Tuesday" });

    const found = await t.store.standups.answersOfDays(tenant.tenantId, [
      { scheduleId: a.id, slot: "2026-06-15" },
      { scheduleId: b.id, slot: "2026-06-16" },
      { scheduleId: b.id, slot: "2026-06-15" },
    ]);
    expect([...found.keys()].sort()).toEqual([`${a.id}|2026-06-15`, `${b.id}|2026-06-16`].sort());
    expect(found.get(`${a.id}|2026-06-15`)).toEqual(await t.store.standups.answers(tenant.tenantId, a.id, "2026-06-15"));
    expect(found.get(`${a.id}|2026-06-15`)?.map((x) => x.today)).toEqual(["a, Monday, manager", "a, Monday, ana"]);
    expect(found.get(`${b.id}|2026-06-16`)?.map((x) => x.today)).toEqual(["b, Tuesday"]);
    // a's Tuesday was not asked for, though both its schedule and its date were.
    expect(found.has(`${a.id}|2026-06-16`)).toBe(false);
    expect(await t.store.standups.answersOfDays(tenant.tenantId, [])).toEqual(new Map());
  });

  it("never returns another tenant's answers", async () => {
    const other = await createTenant(t.store);
    const theirs = await schedule(other);
    await t.store.standups.answer(other.scope, theirs.id, "2026-06-15", { today: "theirs" });
    expect(await t.store.standups.answersOfDays(tenant.tenantId, [{ scheduleId: theirs.id, slot: "2026-06-15" }])).toEqual(new Map());
    expect(
      (await t.store.standups.answersOfDays(other.tenantId, [{ scheduleId: theirs.id, slot: "2026-06-15" }])).get(
        `${theirs.id}|2026-06-15`,
      ),
    ).toHaveLength(1);
  });
});
