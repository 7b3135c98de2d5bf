/** `standup setup`'s questions, window and reminder; `standup stop`; `report schedule off`. */
import { expect, it } from "vitest";
import { chat, recordingNotifier } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";
import { submitForm } from "../../../src/core/dispatch.js";
import { renderText } from "../../../src/core/views/render-text.js";

describeOnSqlite("standup settings and stopping", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo, with a Berlin user whose clock reads `now` (a Monday, 10:00Z by default). */
  async function apollo(now = "2026-03-02T10:00:00Z") {
    const fixture = await apolloFixture(testStore(), "standup-settings");
    const user = chat(fixture.store, {
      tenant: fixture.tenant,
      channel: "c-apollo",
      notify: recordingNotifier(),
      timeZone: "Europe/Berlin",
      now,
    });
    const schedule = () => fixture.store.standups.forChannel(fixture.tenant, fixture.project.id, "c-apollo");
    const audits = async (action: string) =>
      (await fixture.store.audit.list(fixture.tenant, { limit: 1000 })).filter((e) => e.action === action);
    return { ...fixture, user, schedule, audits };
  }

  it("keeps the defaults and lists questions, window and reminder in the confirmation", async () => {
    const { user, schedule } = await apollo();
    const reply = await user.say("standup setup");
    expect(reply.ok, reply.text).toBe(true);
    expect(reply.text).toContain("scheduled mon-fri at 09:00 Europe/Berlin");
    expect(reply.text).toContain("1. What did you do yesterday?");
    expect(reply.text).toContain("3. Anything blocking you?");
    expect(reply.text).toContain("Answer window: 2 h");
    expect(reply.text).toMatch(/Reminder:\s+on, 30 min before the window closes/);
    // Set up at 11:00 Berlin, after today's 09:00: the first check-in is tomorrow.
    expect(reply.text).toContain("Next check-in: Tue 3 Mar 09:00 Europe/Berlin.");
    expect(await schedule()).toMatchObject({
      questions: [],
      windowMinutes: 120,
      remindBeforeClose: true,
      activeFrom: new Date("2026-03-02T10:00:00Z"),
    });
  });

  it("takes three questions, a window and the reminder in one command, and keeps them on a rerun that leaves them out", async () => {
    const { user, schedule } = await apollo();
    const reply = await user.say(
      'standup setup questions "What shipped? | What is next? | Anything in your way?" window 1h30m reminder off',
    );
    expect(reply.ok, reply.text).toBe(true);
    expect(reply.text).toContain("1. What shipped?");
    expect(reply.text).toContain("2. What is next?");
    expect(reply.text).toContain("3. Anything in your way?");
    expect(reply.text).toContain("Answer window: 1 h 30 min");
    expect(reply.text).toMatch(/Reminder:\s+off/);
    expect(await schedule()).toMatchObject({
      questions: ["What shipped?", "What is next?", "Anything in your way?"],
      windowMinutes: 90,
      remindBeforeClose: false,
    });

    expect((await user.say("standup setup at 08:30 window 45m reminder on")).ok).toBe(true);
    expect(await schedule()).toMatchObject({
      time: "08:30",
      questions: ["What shipped?", "What is next?", "Anything in your way?"],
      windowMinutes: 45,
      remindBeforeClose: true,
    });
    expect((await user.say("standup setup questions default")).text).toContain("1. What did you do yesterday?");
    expect(await schedule()).toMatchObject({ questions: [], windowMinutes: 45 });
  });

  it("reads windows written as 90m, 2h or 1h30m", async () => {
    const { user, schedule } = await apollo();
    for (const [word, minutes] of [
      ["90m", 90],
      ["2h", 120],
      ["1h30m", 90],
      ["15m", 15],
      ["12h", 720],
    ] as const) {
      expect((await user.say(`standup setup window ${word}`)).ok, word).toBe(true);
      expect((await schedule())?.windowMinutes).toBe(minutes);
    }
  });

  it("rejects bad questions, windows and reminder settings with a message that says how, and writes nothing", async () => {
    const { user, writes } = await apollo();
    const before = await writes();
    for (const [words, message] of [
      ['standup setup questions "Only one?"', "exactly three questions separated by |"],
      ['standup setup questions "a | b | c | d"', "(got 4)"],
      ['standup setup questions "a | | c"', "Question 2 is empty"],
      [`standup setup questions "a | ${"x".repeat(201)} | c"`, "Question 2 is too long (at most 200 characters)"],
      ["standup setup window soon", "`soon` is not a length of time. Write the answer window like 90m, 2h or 1h30m."],
      ["standup setup window 10m", "between 15 minutes and 12 hours; `10m` is 10 min"],
      ["standup setup window 13h", "`13h` is 13 h"],
      ["standup setup reminder maybe", "Write `reminder on` or `reminder off`"],
    ] as const) {
      const reply = await user.say(words);
      expect(reply.ok, words).toBe(false);
      expect(reply.text, words).toContain(message);
    }
    expect((await user.say('standup setup questions "a"')).text).toContain("`questions default`");
    expect(await writes()).toBe(before);
  });

  it("refuses more participants than a standup takes with a clear message, and writes nothing", async () => {
    const { user, writes } = await apollo();
    const before = await writes();
    const people = Array.from({ length: 501 }, (_, i) => `@p${i}`).join(" ");
    const reply = await user.say(`standup setup participants ${people}`);
    expect(reply.ok, reply.text).toBe(false);
    expect(reply.text).toContain("At most 100 people at once (got 501).");
    expect(await writes()).toBe(before);

    const hundred = await user.say(`standup setup participants ${Array.from({ length: 100 }, (_, i) => `@q${i}`).join(" ")}`);
    expect(hundred.ok, hundred.text).toBe(true);
    expect(hundred.text).toContain("@q99");
  });

  it("rejects a window that would still be open when the next day's prompts go out", async () => {
    const { store, tenant, user, writes } = await apollo();
    // 09:00 in Kiritimati (UTC+14) and in Pago Pago (UTC-11) fall 25 hours apart for one calendar date.
    await store.members.ensure(tenant, { platformUserId: "kiri", timeZone: "Pacific/Kiritimati" });
    await store.members.ensure(tenant, { platformUserId: "pago", timeZone: "Pacific/Pago_Pago" });
    const before = await writes();
    const reply = await user.say("standup setup participants @kiri @pago own-zones window 2h");
    expect(reply.ok).toBe(false);
    expect(reply.text).toContain("would still be open when the next standup is asked");
    expect(await writes()).toBe(before);
  });

  it("takes the same settings from the form", async () => {
    const { user, schedule } = await apollo();
    const reply = await submitForm(await user.context(), "standup setup", {
      questions: "Done? | Next? | Stuck?",
      window: "1h",
      reminder: "off",
    });
    expect(reply.ok, renderText(reply)).toBe(true);
    expect(await schedule()).toMatchObject({ questions: ["Done?", "Next?", "Stuck?"], windowMinutes: 60, remindBeforeClose: false });
    const bad = await submitForm(await user.context(), "standup setup", { window: "forever" });
    expect(bad.ok).toBe(false);
    expect(bad.form?.errors?.window).toContain("not a length of time");
  });

  it("stops the channel's standup, audited, and starts it again from the moment of setup", async () => {
    const { user, schedule, audits, store, tenant, project } = await apollo();
    await user.say("standup setup");
    const stop = await user.say("standup stop");
    expect(stop.ok, stop.text).toBe(true);
    expect(stop.visibility).toBe("channel");
    expect(stop.text).toContain("stopped: no more prompts, reminders or summaries");
    expect(await schedule()).toMatchObject({ active: false });
    expect(await store.standups.list(tenant, project.id)).toEqual([]);
    const [event] = await audits("standup.stop");
    expect(event).toMatchObject({
      entity: "standupSchedule",
      before: expect.objectContaining({ active: true }),
      after: expect.objectContaining({ active: false }),
    });

    const again = await user.say("standup stop");
    expect(again.ok).toBe(true);
    expect(again.text).toContain("already stopped");
    expect(await audits("standup.stop")).toHaveLength(1);
    expect((await user.say("standup skip")).ok).toBe(false);

    const later = chat(store, { tenant, channel: "c-apollo", timeZone: "Europe/Berlin", now: "2026-03-04T06:00:00Z" });
    expect((await later.say("standup setup")).ok).toBe(true);
    expect(await schedule()).toMatchObject({ active: true, activeFrom: new Date("2026-03-04T06:00:00Z") });
    // Changing a running standup does not move its start.
    const evenLater = chat(store, { tenant, channel: "c-apollo", timeZone: "Europe/Berlin", now: "2026-03-04T09:00:00Z" });
    expect((await evenLater.say("standup setup at 10:00")).ok).toBe(true);
    expect(await schedule()).toMatchObject({ time: "10:00", activeFrom: new Date("2026-03-04T06:00:00Z") });
  });

  it("says so when there is no standup to stop", async () => {
    const { user, writes } = await apollo();
    const before = await writes();
    const reply = await user.say("standup stop");
    expect(reply.text).toContain("No standup is set up for this channel, so there is nothing to stop.");
    expect(reply.text).toContain("standup setup");
    expect(await writes()).toBe(before);
  });

  it("turns the weekly report off, audited, says so when nothing is scheduled, and lets `report schedule` start it again", async () => {
    const { pm, store, tenant, project, audits, writes } = await apollo();
    const before = await writes();
    const nothing = await pm.say("report schedule off");
    expect(nothing.text).toContain("No weekly report is scheduled for this channel, so there is nothing to stop.");
    expect(await writes()).toBe(before);

    await pm.say("report schedule day fri at 16:00");
    const off = await pm.say("report schedule off");
    expect(off.ok, off.text).toBe(true);
    expect(off.text).toContain("Weekly status report for Apollo stopped");
    expect(await store.reportSchedules.list(tenant, project.id)).toEqual([]);
    expect(await store.reportSchedules.forChannel(tenant, project.id, "c-apollo")).toMatchObject({ active: false });
    expect(await audits("report.unschedule")).toHaveLength(1);
    expect((await pm.say("report schedule off")).text).toContain("already off");

    expect((await pm.say("report schedule")).ok).toBe(true);
    expect(await store.reportSchedules.list(tenant, project.id)).toHaveLength(1);
  });

  it("rejects `report schedule off` with other settings", async () => {
    const { pm, writes } = await apollo();
    await pm.say("report schedule");
    const before = await writes();
    const reply = await pm.say("report schedule off day mon");
    expect(reply.ok).toBe(false);
    expect(reply.text).toContain("`report schedule off` takes nothing else");
    expect(await writes()).toBe(before);
  });

  it("stops only the tenant's own schedules", async () => {
    const { store, tenant, project, user } = await apollo();
    await user.say("standup setup");
    await user.say("report schedule");
    const standup = (await store.standups.forChannel(tenant, project.id, "c-apollo"))!;
    const report = (await store.reportSchedules.forChannel(tenant, project.id, "c-apollo"))!;
    const other = await apolloFixture(store, "standup-settings-other");
    const stranger = { tenantId: other.tenant, actorId: (await other.pm.context()).user.id };
    await expect(store.standups.stop(stranger, standup.id)).rejects.toThrow("not found");
    await expect(store.reportSchedules.stop(stranger, report.id)).rejects.toThrow("not found");
    expect((await store.standups.get(tenant, standup.id))?.active).toBe(true);
    expect((await store.reportSchedules.forChannel(tenant, project.id, "c-apollo"))?.active).toBe(true);
  });
});
