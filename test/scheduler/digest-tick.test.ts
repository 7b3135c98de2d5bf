import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { ReportScheduleSettings } from "../../src/core/store.js";
import { WEEKLY_DIGEST_JOB } from "../../src/scheduler/digest-tick.js";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { upcoming } from "../../src/scheduler/upcoming.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const fridayBerlin: ReportScheduleSettings = { platform: "slack", day: "fri", time: "16:00", timeZone: "Europe/Berlin" };

describeEachProvider("weekly digest tick", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  async function digest() {
    const tenant = await createTenant(t.store);
    const project = await createProject(t.store, tenant);
    const people = await Promise.all(
      ["Sam", "Pat"].map((name) => t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name })),
    );
    for (const p of people) await t.store.stakeholders.add(tenant.scope, project.id, { memberId: p.id });
    const schedule = await t.store.reportSchedules.setup(tenant.scope, project.id, unique("C"), fridayBerlin);
    const tick = async (at: string) =>
      (await runDue(deps, utc(at), { tenantId: tenant.tenantId })).filter((r: TickResult) => r.job === WEEKLY_DIGEST_JOB);
    const outbox = () =>
      t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind: "digest" }, orderBy: { dedupeKey: "asc" } });
    return { tenant, project, people, schedule, tick, outbox };
  }

  it("posts a Friday 16:00 Berlin digest at 15:00Z in winter, once, to the channel and each stakeholder", async () => {
    const d = await digest();
    expect(await d.tick("2026-01-16T14:59:00Z")).toEqual([]);
    const first = await d.tick("2026-01-16T15:00:00Z");
    expect(first.map((r) => [r.outcome, r.slot, r.due])).toEqual([["done", "2026-01-16", "2026-01-16T15:00:00.000Z"]]);
    const second = await d.tick("2026-01-16T15:00:00Z");
    expect(second.map((r) => r.outcome)).toEqual(["already-claimed"]);

    const posted = await d.outbox();
    const key = (r: string) => `digest:${d.schedule.id}:2026-01-16:${r}`;
    expect(posted.map((m) => [m.dedupeKey, m.channelId, m.platform]).sort()).toEqual(
      [[key("channel"), d.schedule.channelId, "slack"], ...d.people.map((p) => [key(p.id), p.platformUserId, "slack"])].sort(),
    );
    expect(posted.every((m) => JSON.stringify(m).includes(`Weekly status — ${d.project.name}`))).toBe(true);
  });

  it("holds a stakeholder's copy until their quiet hours end; the channel's is never held", async () => {
    const d = await digest();
    const [sam, pat] = d.people;
    // 16:00 Berlin is 00:00 in Tokyo (inside the default quiet hours) and 10:00 in New York (inside Pat's 09:00-12:00).
    await t.store.members.ensure(d.tenant.tenantId, { platformUserId: sam!.platformUserId, timeZone: "Asia/Tokyo" });
    await t.store.members.ensure(d.tenant.tenantId, { platformUserId: pat!.platformUserId, timeZone: "America/New_York" });
    await t.store.members.setQuietHours({ tenantId: d.tenant.tenantId, actorId: pat!.id }, "09:00-12:00");
    expect((await d.tick("2026-01-16T15:00:00Z")).map((r) => r.outcome)).toEqual(["done"]);
    const when = new Map((await d.outbox()).map((m) => [m.channelId, m.nextAttemptAt.toISOString()]));
    expect(when.get(sam!.platformUserId)).toBe("2026-01-16T23:00:00.000Z"); // 08:00 Tokyo
    expect(when.get(pat!.platformUserId)).toBe("2026-01-16T17:00:00.000Z"); // 12:00 New York
    expect(Date.parse(when.get(d.schedule.channelId)!)).toBeLessThanOrEqual(Date.now()); // due at once
  });

  it("posts nothing on the other days of the week", async () => {
    const d = await digest();
    const results: TickResult[] = [];
    // From a day after last Friday's digest, beyond the look-back, to the next Friday.
    for (let at = utc("2026-01-10T15:00:00Z"); at < utc("2026-01-16T15:00:00Z"); at = at.plus({ hours: 1 }))
      results.push(...(await d.tick(at.toISO()!)));
    expect(results).toEqual([]);
    expect(await d.outbox()).toHaveLength(0);
  });

  it("records a digest missed while down for a day and never posts it late", async () => {
    const d = await digest();
    expect(await d.tick("2026-01-16T14:00:00Z")).toEqual([]);
    const next = await d.tick("2026-01-17T14:00:00Z");
    expect(next.map((r) => [r.outcome, r.slot])).toEqual([["missed", "2026-01-16"]]);
    expect(await d.outbox()).toHaveLength(0);
    expect((await deps.claims.get(d.tenant.tenantId, WEEKLY_DIGEST_JOB, d.schedule.id, "2026-01-16"))?.status).toBe("missed");
  });

  it("is listed among the upcoming occurrences", async () => {
    const d = await digest();
    const next = await upcoming(deps, utc("2026-01-12T00:00:00Z"), 7, { tenantId: d.tenant.tenantId });
    expect(next.filter((u) => u.job === WEEKLY_DIGEST_JOB).map((u) => [u.due, u.local])).toEqual([
      ["2026-01-16T15:00:00Z", "Fri 16:00 Europe/Berlin"],
    ]);
  });
});
