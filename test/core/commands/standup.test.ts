import { expect, it } from "vitest";
import { chat, recordingNotifier } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, tableOf } from "../../support/project.js";
import { renderText } from "../../../src/core/views/render-text.js";

describeOnSqlite("standup commands", (provider) => {
  const testStore = suiteStore(provider);

  async function apollo(opts: { timeZone?: string; now?: string } = {}) {
    const fixture = await apolloFixture(testStore(), "standup");
    const notify = recordingNotifier();
    const user = chat(fixture.store, { tenant: fixture.tenant, channel: "c-apollo", notify, ...opts });
    const schedule = () => fixture.store.standups.forChannel(fixture.tenant, fixture.project.id, "c-apollo");
    return { ...fixture, notify, user, schedule };
  }

  it("sets up a Mon-Fri 09:00 standup in the user's zone, this channel and the user by default", async () => {
    const { user, schedule } = await apollo({ timeZone: "Europe/Berlin" });
    const reply = await user.say("standup setup");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("scheduled mon-fri at 09:00 Europe/Berlin");
    const me = (await user.context()).user;
    expect(await schedule()).toMatchObject({
      channelId: "c-apollo",
      platform: "local",
      days: ["mon", "tue", "wed", "thu", "fri"],
      time: "09:00",
      timeZone: "Europe/Berlin",
      participants: [me.id],
      perParticipantZones: false,
    });
  });

  it("takes days, time, zone, channel, participants, holidays and own-zones in one command, and replaces on rerun", async () => {
    const { user, store, tenant, project } = await apollo();
    const reply = await user.say(
      "standup setup days mon,wed,fri at 9:30 tz America/New_York participants @alice @bob holidays 2026-12-24,2026-12-25 own-zones",
    );
    expect(reply.ok).toBe(true);
    const s = (await store.standups.forChannel(tenant, project.id, "c-apollo"))!;
    const names = (await store.members.getMany(tenant, s.participants)).map((m) => m.platformUserId).sort();
    expect(names).toEqual(["alice", "bob"]);
    expect(s).toMatchObject({
      days: ["mon", "wed", "fri"],
      time: "09:30",
      timeZone: "America/New_York",
      holidays: ["2026-12-24", "2026-12-25"],
      perParticipantZones: true,
    });
    expect((await user.say("standup setup at 10:00 channel #ops")).ok).toBe(true);
    expect((await store.standups.forChannel(tenant, project.id, "ops"))?.time).toBe("10:00");
    expect(await store.standups.list(tenant, project.id)).toHaveLength(2);
    await user.say("standup setup at 08:15");
    expect((await store.standups.forChannel(tenant, project.id, "c-apollo"))?.time).toBe("08:15");
    expect(await store.standups.list(tenant, project.id)).toHaveLength(2);
  });

  it("rejects a bad time, zone or day list and writes nothing", async () => {
    const { user, writes } = await apollo();
    const before = await writes();
    for (const [words, message] of [
      ["standup setup at 25:00", "not a time of day"],
      ["standup setup tz Mars/Olympus", "not a time zone"],
      ["standup setup days funday", "not a set of days"],
      ["standup setup holidays 2026-02-30", "is not a date"],
      ["standup setup holidays 2026-12-24,9999-12-31", "`9999-12-31` is out of range: dates must be from 1970-01-01 to 2199-12-31."],
    ] as const) {
      const reply = await user.say(words);
      expect(reply.ok).toBe(false);
      expect(reply.text).toContain(message);
    }
    expect(await writes()).toBe(before);
  });

  it("skips the user through a date, today by default", async () => {
    const { user, schedule } = await apollo({ now: "2026-03-02T10:00:00Z" });
    expect((await user.say("standup skip")).ok).toBe(false);
    await user.say("standup setup");
    const me = (await user.context()).user;
    const today = await user.say("standup skip");
    expect(today.text).toContain("today's standup");
    expect((await schedule())?.skips).toEqual({ [me.id]: "2026-03-02" });
    const vacation = await user.say("standup skip until 2026-03-13");
    expect(vacation.text).toContain("through 2026-03-13");
    expect((await schedule())?.skips).toEqual({ [me.id]: "2026-03-13" });
    expect((await user.say("standup skip until 2026-03-01")).ok).toBe(false);
  });

  it("posts the prompt now by DM to each participant, once a day", async () => {
    const { user, notify } = await apollo({ now: "2026-03-02T10:00:00Z" });
    expect((await user.say("standup now")).ok).toBe(false);
    await user.say("standup setup participants @alice @bob");
    const first = await user.say("standup now");
    expect(first.ok).toBe(true);
    expect(first.text).toContain("Standup prompt sent to @alice and @bob.");
    expect(notify.posted.map((p) => [p.message.channelId, p.message.kind])).toEqual([
      ["alice", "standup-prompt"],
      ["bob", "standup-prompt"],
    ]);
    expect(notify.posted[0]!.message.dedupeKey).toMatch(/:2026-03-02$/);
    const again = await user.say("standup now");
    expect(again.text).toContain("Already asked today: @alice and @bob.");
    expect(notify.posted).toHaveLength(2);
  });

  it("records answers for the participant's day, amending only the parts given", async () => {
    const { user, store, tenant } = await apollo({ now: "2026-03-02T22:30:00Z", timeZone: "Asia/Tokyo" });
    expect((await user.say("standup answer today Tests")).ok).toBe(false);
    await user.say("standup setup tz Europe/Berlin");
    const s = (await user.context()).user;
    const schedule = (await store.standups.list(tenant, (await store.projects.findByName(tenant, "Apollo"))!.id))[0]!;
    expect((await user.say("standup answer")).ok).toBe(false);
    const first = await user.say('standup answer yesterday "Login form" today "Password reset" blockers Waiting for staging');
    expect(first.ok).toBe(true);
    // 22:30Z is 23:30 in Berlin, the schedule's zone: still 2026-03-02 there.
    expect(first.text).toContain("2026-03-02");
    await user.say("standup answer blockers none");
    expect(await store.standups.answers(tenant, schedule.id, "2026-03-02")).toEqual([
      { memberId: s.id, yesterday: "Login form", today: "Password reset", blockers: null, answeredAt: expect.any(Date) },
    ]);
  });

  it("answers `standup answer` without parts with a form labelled by the questions, filled with today's answer", async () => {
    const { user, notify } = await apollo({ now: "2026-03-02T10:00:00Z", timeZone: "Europe/Berlin" });
    await user.say("standup setup");
    await user.say("standup now");
    // The prompt's button opens the form from anywhere, a DM included; typing is explained too.
    const prompt = renderText(notify.posted[0]!.message.reply);
    expect(prompt).toContain('[Answer: standup answer in "Apollo"]');
    expect(prompt).toContain('Or type `standup answer in "Apollo" yesterday');

    const empty = await user.say('standup answer in "Apollo"');
    expect(empty.ok).toBe(false);
    expect(empty.reply.form).toMatchObject({ command: "standup answer", project: "Apollo" });
    expect(empty.reply.form?.fields.map((f) => [f.name, f.label, f.initial])).toEqual([
      ["yesterday", "What did you do yesterday?", undefined],
      ["today", "What will you do today?", undefined],
      ["blockers", "Anything blocking you?", undefined],
    ]);
    await user.say("standup answer today Reviews blockers none");
    const filled = await user.say("standup answer");
    expect(filled.reply.form?.fields.map((f) => f.initial)).toEqual([undefined, "Reviews", undefined]);
    await user.say('standup setup questions "Done? | Next? | Stuck?"');
    expect((await user.say("standup answer")).reply.form?.fields.map((f) => f.label)).toEqual(["Done?", "Next?", "Stuck?"]);
  });

  it("takes an answer typed in a DM for the one of the project's standups the person is in", async () => {
    const { user, store, tenant, project } = await apollo({ now: "2026-03-02T10:00:00Z", timeZone: "Europe/Berlin" });
    const me = (await user.context()).user;
    expect((await user.say("standup setup")).ok).toBe(true); // c-apollo, with the user
    expect((await user.say("standup setup channel #c-apollo-design participants @dana")).ok).toBe(true);
    const dm = chat(store, {
      tenant,
      user: me.platformUserId,
      channel: "D-direct",
      now: "2026-03-02T10:00:00Z",
      timeZone: "Europe/Berlin",
    });
    const answered = await dm.say('standup answer in "Apollo" today "Reviews"');
    expect(answered.ok).toBe(true);
    const mine = (await store.standups.list(tenant, project.id)).find((sc) => sc.channelId === "c-apollo")!;
    expect((await store.standups.answers(tenant, mine.id, "2026-03-02")).map((a) => a.today)).toEqual(["Reviews"]);

    // Someone in both standups is asked to answer in the standup's channel instead.
    expect((await user.say("standup setup channel #c-apollo-design participants @dana @local-user")).ok).toBe(true);
    expect((await dm.say('standup answer in "Apollo" today "More reviews"')).ok).toBe(false);
  });

  it("reports 4 weeks of participation per person and recurring blockers", async () => {
    const { user, store, tenant, project } = await apollo({ now: "2026-03-13T12:00:00Z", timeZone: "Europe/Berlin" });
    await user.say("standup setup participants @alice @bob");
    const schedule = (await store.standups.forChannel(tenant, project.id, "c-apollo"))!;
    const [alice, bob] = await store.members
      .getMany(tenant, schedule.participants)
      .then((ms) => ["alice", "bob"].map((n) => ms.find((m) => m.name === n)!));
    const answer = (memberId: string, date: string, blockers: string | null) =>
      store.standups.answer({ tenantId: tenant, actorId: memberId }, schedule.id, date, { today: "Work", blockers });
    await answer(alice!.id, "2026-03-11", "No staging DB");
    await answer(alice!.id, "2026-03-12", "Still no staging DB");
    await answer(bob!.id, "2026-03-12", null);
    const report = await user.say("standup report");
    expect(report.ok).toBe(true);
    expect(tableOf(report.reply.blocks).rows).toEqual([
      ["@alice", "2 of 20", "10 %"],
      ["@bob", "1 of 20", "5 %"],
    ]);
    expect(report.text).toContain("Overall participation: 8 % over 20 standup days.");
    expect(report.text).toContain("@alice blocked on 2 days — latest 2026-03-12: Still no staging DB");
  });
});
