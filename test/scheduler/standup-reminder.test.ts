/**
 * The reminder before a standup's answer window closes, and quiet hours on
 * every DM the standup sends to one person.
 */
import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { StandupSettings } from "../../src/core/store.js";
import { runDue, type TickDeps } from "../../src/scheduler/tick.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });

describeEachProvider("standup reminder", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  /**
   * Mon-Fri 09:00 Berlin (07:00Z in June), window 2 h (closes 09:00Z, reminder 08:30Z).
   * ana is in Berlin, ben in London, cy in New York: 03:00 there, inside the default quiet hours.
   */
  async function team(settings: Partial<StandupSettings> = {}) {
    const tenant = await createTenant(t.store);
    const person = (name: string, timeZone: string) =>
      t.store.members.ensure(tenant.tenantId, { platformUserId: unique(name), name, timeZone });
    const ana = await person("ana", "Europe/Berlin");
    const ben = await person("ben", "Europe/London");
    const cy = await person("cy", "America/New_York");
    const project = await createProject(t.store, tenant, unique("Apollo"));
    const schedule = await t.store.standups.setup(tenant.scope, project.id, unique("C"), {
      platform: "local",
      days: ["mon", "tue", "wed", "thu", "fri"],
      time: "09:00",
      timeZone: "Europe/Berlin",
      participants: [ana.id, ben.id, cy.id],
      ...settings,
    });
    const name = (memberId: string) => [ana, ben, cy].find((m) => memberId.endsWith(m.id))?.name;
    const reminders = async (at: string, graceMinutes?: number) =>
      (await runDue(deps, utc(at), { tenantId: tenant.tenantId, ...(graceMinutes ? { graceMinutes } : {}) }))
        .filter((r) => r.job === "standup-reminder")
        .map((r) => [name(r.key), r.outcome, r.detail]);
    const outbox = (kind: string) =>
      t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId, kind }, orderBy: { createdAt: "asc" } });
    const answer = (memberId: string, date = "2026-06-15") =>
      t.store.standups.answer({ tenantId: tenant.tenantId, actorId: memberId }, schedule.id, date, { today: "Reviews" });
    return { tenant, project, schedule, ana, ben, cy, reminders, outbox, answer };
  }

  it("DMs each asked person who has not answered, once, 30 minutes before the close, in their own zone", async () => {
    const s = await team();
    expect(await s.reminders("2026-06-15T07:00:00Z")).toEqual([]);
    await s.answer(s.ana.id);
    expect(await s.reminders("2026-06-15T08:29:00Z")).toEqual([]);
    expect(await s.reminders("2026-06-15T08:30:00Z")).toEqual([
      ["ben", "done", expect.stringMatching(/^queued /)],
      // 04:30 in New York: held until 08:00 there, after the 11:00 Berlin close, so not sent at all.
      ["cy", "skipped", "quiet hours until 2026-06-15T12:00:00.000Z, after the window closes"],
    ]);
    expect(await s.reminders("2026-06-15T08:45:00Z")).toEqual([
      ["ben", "already-claimed", undefined],
      ["cy", "already-claimed", undefined],
    ]);

    const [dm, ...more] = await s.outbox("reminder");
    expect(more).toEqual([]);
    expect(dm).toMatchObject({ channelId: s.ben.platformUserId, dedupeKey: `standup-reminder:${s.schedule.id}:${s.ben.id}:2026-06-15` });
    expect(dm!.text).toContain(s.project.name);
    expect(dm!.text).toContain("closes at 10:00 (Europe/London)");
    expect(dm!.text).toContain("standup answer");
    // The same Answer button as the prompt, naming the project because a DM has none linked.
    expect(JSON.parse(dm!.payload).blocks).toContainEqual({
      kind: "actions",
      buttons: [{ label: "Answer", command: `standup answer in "${s.project.name}"`, style: "primary" }],
    });
  });

  it("reminds half-way through a window shorter than an hour", async () => {
    const s = await team({ windowMinutes: 40 });
    await s.answer(s.ana.id);
    expect(await s.reminders("2026-06-15T07:00:00Z")).toEqual([]);
    expect(await s.reminders("2026-06-15T07:19:00Z")).toEqual([]);
    expect((await s.reminders("2026-06-15T07:20:00Z")).map(([who, outcome]) => [who, outcome])).toEqual([
      ["ben", "done"],
      ["cy", "skipped"],
    ]);
  });

  it("sends none when reminders are off", async () => {
    const s = await team({ remindBeforeClose: false });
    expect(await s.reminders("2026-06-15T07:00:00Z")).toEqual([]);
    expect(await s.reminders("2026-06-15T08:30:00Z")).toEqual([]);
    expect(await s.outbox("reminder")).toEqual([]);
  });

  it("sends none to someone away, even when they were asked before going away", async () => {
    const s = await team();
    expect(await s.reminders("2026-06-15T07:00:00Z")).toEqual([]);
    await t.store.standups.skip(s.tenant.scope, s.schedule.id, s.ben.id, "2026-06-15");
    expect((await s.reminders("2026-06-15T08:30:00Z")).map(([who]) => who)).toEqual(["ana", "cy"]);
  });

  it("sends none on a holiday", async () => {
    const s = await team({ holidays: ["2026-06-15"] });
    expect(await s.reminders("2026-06-15T07:00:00Z")).toEqual([]);
    expect(await s.reminders("2026-06-15T08:30:00Z")).toEqual([]);
  });

  it("sends none once the window has closed (no late reminders), and none to people never prompted", async () => {
    const s = await team();
    expect(await s.reminders("2026-06-15T07:00:00Z")).toEqual([]);
    // Down from 08:00 until after the 09:00Z close.
    expect(await s.reminders("2026-06-15T09:05:00Z")).toEqual([]);
    expect(await s.outbox("reminder")).toEqual([]);
  });

  it("reminds no one of a prompt that never went out", async () => {
    const s = await team();
    // Down from before 09:00 until the reminder is due; with a 60-minute grace the prompts are missed, not posted.
    expect(await s.reminders("2026-06-15T08:30:00Z", 60)).toEqual([]);
    expect(await s.outbox("standup-prompt")).toEqual([]);
    expect(await s.outbox("reminder")).toEqual([]);
  });

  it("holds the prompt of someone in their quiet hours until those end, and the channel prompt not at all", async () => {
    const s = await team();
    const results = await runDue(deps, utc("2026-06-15T07:00:00Z"), { tenantId: s.tenant.tenantId });
    expect(results.find((r) => r.key.endsWith(s.cy.id))?.detail).toMatch(/, held until 2026-06-15T12:00:00.000Z$/);
    const prompts = await s.outbox("standup-prompt");
    const promptTo = (member: { platformUserId: string }) => prompts.find((p) => p.channelId === member.platformUserId)!;
    expect(promptTo(s.cy).nextAttemptAt.toISOString()).toBe("2026-06-15T12:00:00.000Z");
    // Not held: due as soon as it was queued.
    expect(promptTo(s.ana).nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());

    // 05:00 in Tokyo would be inside a person's quiet hours; a channel has none.
    const channel = await team({ participants: [], timeZone: "Asia/Tokyo", time: "05:00" });
    await runDue(deps, utc("2026-06-14T20:00:00Z"), { tenantId: channel.tenant.tenantId });
    const [channelPrompt] = await channel.outbox("standup-prompt");
    expect(channelPrompt!.channelId).toBe(channel.schedule.channelId);
    expect(channelPrompt!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("holds the blocker escalation to the project manager through their quiet hours", async () => {
    const s = await team({ participants: [] });
    await t.db.prisma.member.update({ where: { id: s.tenant.manager.id }, data: { quietHours: "10:00-12:00" } });
    for (const date of ["2026-06-11", "2026-06-12", "2026-06-15"]) {
      await t.store.standups.answer({ tenantId: s.tenant.tenantId, actorId: s.ana.id }, s.schedule.id, date, { blockers: "No staging DB" });
    }
    // The window closes at 11:00 Berlin, inside the manager's 10:00-12:00.
    await runDue(deps, utc("2026-06-15T09:00:00Z"), { tenantId: s.tenant.tenantId });
    const [alert] = await s.outbox("alert");
    expect(alert).toMatchObject({ channelId: s.tenant.manager.platformUserId });
    expect(alert!.nextAttemptAt.toISOString()).toBe("2026-06-15T10:00:00.000Z");
  });
});
