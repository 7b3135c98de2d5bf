import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { REMINDER_JOB } from "../../src/scheduler/reminders.js";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createProject, createTenant, unique, type TenantFixture } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });

describeEachProvider("overdue reminders", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  const reminders = (results: TickResult[]) => results.filter((r) => r.job === REMINDER_JOB);
  const posted = (results: TickResult[]) => reminders(results).filter((r) => r.outcome === "done");

  function tenantTools(tenant: TenantFixture) {
    const tick = async (at: string, graceMinutes?: number) =>
      reminders(await runDue(deps, utc(at), { tenantId: tenant.tenantId, ...(graceMinutes !== undefined ? { graceMinutes } : {}) }));
    const outbox = () =>
      t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind: "reminder" }, orderBy: { createdAt: "asc" } });
    const member = (name: string, timeZone: string | null) =>
      t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name, timeZone });
    return { tick, outbox, member };
  }

  it("DMs each owner once at their own 09:00 with everything overdue across projects, and again the next day", async () => {
    const tenant = await createTenant(t.store);
    const { tick, outbox, member } = tenantTools(tenant);
    const nia = await member("Nia", "America/New_York");
    const bert = await member("Bert", "Europe/Berlin");
    const clear = await member("Clara", "Europe/Berlin");
    const apollo = await createProject(t.store, tenant, unique("Apollo"));
    const gemini = await createProject(t.store, tenant, unique("Gemini"));
    const { scope } = tenant;
    await t.store.tasks.add(scope, apollo.id, { title: "Migrate billing", assigneeId: nia.id, dueDate: "2026-06-10" });
    await t.store.tasks.add(scope, gemini.id, { title: "Sign vendor contract", assigneeId: nia.id, dueDate: "2026-06-14" });
    await t.store.risks.add(scope, apollo.id, {
      title: "Key engineer leaving",
      probability: 3,
      impact: 4,
      ownerId: nia.id,
      reviewDate: "2026-06-12",
    });
    // Not overdue, done, or closed: never reminded.
    await t.store.tasks.add(scope, apollo.id, { title: "Due today", assigneeId: nia.id, dueDate: "2026-06-15" });
    const finished = await t.store.tasks.add(scope, apollo.id, { title: "Finished work", assigneeId: nia.id, dueDate: "2026-06-01" });
    await t.store.tasks.update(scope, finished.id, { status: "done" });
    const closed = await t.store.risks.add(scope, gemini.id, {
      title: "Retired risk",
      probability: 2,
      impact: 2,
      ownerId: nia.id,
      reviewDate: "2026-06-01",
    });
    await t.store.risks.update(scope, closed.id, { status: "closed" });
    await t.store.tasks.add(scope, gemini.id, { title: "Write test plan", assigneeId: bert.id, dueDate: "2026-06-12" });
    await t.store.tasks.add(scope, gemini.id, { title: "Later work", assigneeId: clear.id, dueDate: "2026-07-01" });
    const slotOf = (r: TickResult) => [r.key.split(":")[1], r.slot, r.due];

    expect(posted(await tick("2026-06-15T06:59:00Z"))).toEqual([]);
    expect(posted(await tick("2026-06-15T07:00:00Z")).map(slotOf)).toEqual([[bert.id, "2026-06-15", "2026-06-15T07:00:00.000Z"]]); // 09:00 CEST
    expect(posted(await tick("2026-06-15T12:59:00Z"))).toEqual([]);
    expect(posted(await tick("2026-06-15T13:00:00Z")).map(slotOf)).toEqual([[nia.id, "2026-06-15", "2026-06-15T13:00:00.000Z"]]); // 09:00 EDT

    const messages = await outbox();
    expect(messages.map((m) => m.channelId)).toEqual([bert.platformUserId, nia.platformUserId]);
    const niaText = messages[1]!.text;
    expect(niaText).toContain("Migrate billing");
    expect(niaText).toContain("Sign vendor contract");
    expect(niaText).toContain("Key engineer leaving");
    for (const absent of ["Due today", "Finished work", "Retired risk", "Write test plan"]) expect(niaText).not.toContain(absent);
    expect(messages[1]!.platform).toBe("slack");
    expect(messages[1]!.dedupeKey).toBe(`reminder:${tenant.tenantId}:${nia.id}:2026-06-15`);

    // A second run the same day posts nothing.
    const again = await tick("2026-06-15T13:00:00Z");
    expect(posted(again)).toEqual([]);
    expect(again.every((r) => r.outcome === "already-claimed" || r.outcome === "missed")).toBe(true);
    expect(await outbox()).toHaveLength(2);

    // Still overdue the next day: reminded again, once each.
    await tick("2026-06-16T07:00:00Z");
    expect(posted(await tick("2026-06-16T13:00:00Z")).map(slotOf)).toEqual([[nia.id, "2026-06-16", "2026-06-16T13:00:00.000Z"]]);
    const all = await outbox();
    expect(all).toHaveLength(4);
    expect(all.some((m) => m.channelId === clear.platformUserId)).toBe(false);
  });

  it("stops reminding once the work is done", async () => {
    const tenant = await createTenant(t.store);
    const { tick, outbox, member } = tenantTools(tenant);
    const bert = await member("Bert", "Europe/Berlin");
    const project = await createProject(t.store, tenant);
    const task = await t.store.tasks.add(tenant.scope, project.id, {
      title: "Write test plan",
      assigneeId: bert.id,
      dueDate: "2026-06-12",
    });
    expect(posted(await tick("2026-06-15T07:00:00Z"))).toHaveLength(1);
    await t.store.tasks.update(tenant.scope, task.id, { status: "done" });
    const next = await tick("2026-06-16T07:00:00Z");
    expect(next.filter((r) => r.slot === "2026-06-16")).toEqual([]); // nothing overdue: not even claimed
    expect(await outbox()).toHaveLength(1);
  });

  it("records a reminder beyond the grace window as missed, and holds a catch-up inside quiet hours until they end", async () => {
    const tenant = await createTenant(t.store);
    const { tick, outbox, member } = tenantTools(tenant);
    const bert = await member("Bert", "Europe/Berlin");
    const project = await createProject(t.store, tenant);
    await t.store.tasks.add(tenant.scope, project.id, { title: "Write test plan", assigneeId: bert.id, dueDate: "2026-06-12" });

    expect(posted(await tick("2026-06-15T06:00:00Z"))).toEqual([]); // 08:00 Berlin, then down all day
    // 21:30 Berlin: beyond the default grace window.
    expect((await tick("2026-06-15T19:30:00Z")).map((r) => [r.outcome, r.slot])).toEqual([["missed", "2026-06-15"]]);
    expect(await outbox()).toHaveLength(0);

    // The next day, an operator catches up late at night with a long grace window.
    const late = await tick("2026-06-16T19:30:00Z", 13 * 60);
    expect(late.map((r) => [r.outcome, r.slot])).toEqual([["done", "2026-06-16"]]);
    const [held] = await outbox();
    expect(held?.nextAttemptAt.toISOString()).toBe("2026-06-17T06:00:00.000Z"); // 08:00 Berlin
  });

  it("holds a reminder inside the person's own quiet hours, and sends at once when they turned them off", async () => {
    const tenant = await createTenant(t.store);
    const { tick, outbox, member } = tenantTools(tenant);
    const late = await member("Lena", "Europe/Berlin"); // sleeps in: quiet until 10:00
    const owl = await member("Olaf", "Europe/Berlin"); // no quiet hours
    await t.store.members.setQuietHours({ tenantId: tenant.tenantId, actorId: late.id }, "23:00-10:00");
    await t.store.members.setQuietHours({ tenantId: tenant.tenantId, actorId: owl.id }, "");
    const project = await createProject(t.store, tenant);
    await t.store.tasks.add(tenant.scope, project.id, { title: "Write test plan", assigneeId: late.id, dueDate: "2026-06-12" });
    await t.store.tasks.add(tenant.scope, project.id, { title: "Review budget", assigneeId: owl.id, dueDate: "2026-06-12" });

    // 09:00 Berlin: both are due; Lena's waits for her 10:00, Olaf's goes now.
    const held = (results: TickResult[]) =>
      new Map(posted(results).map((r) => [r.key.split(":")[1], /held until (\S+)/.exec(r.detail ?? "")?.[1] ?? null]));
    expect(held(await tick("2026-06-15T07:00:00Z"))).toEqual(
      new Map([
        [late.id, "2026-06-15T08:00:00.000Z"],
        [owl.id, null],
      ]),
    );
    const lenas = (await outbox()).find((m) => m.channelId === late.platformUserId);
    expect(lenas?.nextAttemptAt.toISOString()).toBe("2026-06-15T08:00:00.000Z");

    // A late catch-up at 21:30 Berlin: inside the default 20:00-08:00 but outside both their windows, so nothing waits.
    expect(held(await tick("2026-06-16T19:30:00Z", 13 * 60))).toEqual(
      new Map([
        [late.id, null],
        [owl.id, null],
      ]),
    );
  });

  it("falls back to UTC for a member without a time zone", async () => {
    const tenant = await createTenant(t.store);
    const { tick, member } = tenantTools(tenant);
    const zoneless = await member("Zed", null);
    const project = await createProject(t.store, tenant);
    await t.store.tasks.add(tenant.scope, project.id, { title: "Fix login", assigneeId: zoneless.id, dueDate: "2026-06-12" });
    expect(posted(await tick("2026-06-15T08:59:00Z"))).toEqual([]);
    expect(posted(await tick("2026-06-15T09:00:00Z")).map((r) => r.slot)).toEqual(["2026-06-15"]);
  });
});
