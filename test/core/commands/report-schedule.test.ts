import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

describeOnSqlite("report schedule", (provider) => {
  const testStore = suiteStore(provider);

  it("defaults to Friday 16:00 in the user's zone in this channel, and names the next occurrence", async () => {
    const { store, tenant, project } = await apolloFixture(testStore(), "report-schedule");
    const berlin = chat(store, { tenant, channel: "c-apollo", timeZone: "Europe/Berlin" });
    const r = await berlin.say("report schedule");
    expect(r.ok, r.text).toBe(true);
    expect(r.visibility).toBe("channel");
    expect(r.text).toContain("scheduled every fri at 16:00 Europe/Berlin");
    expect(r.text).toContain("Next: Fri 6 Mar 2026 16:00 Europe/Berlin");
    expect(await store.reportSchedules.forChannel(tenant, project.id, "c-apollo")).toMatchObject({
      channelId: "c-apollo",
      platform: "local",
      day: "fri",
      time: "16:00",
      timeZone: "Europe/Berlin",
      active: true,
    });
  });

  it("takes day, time and zone, and replaces the channel's schedule on rerun", async () => {
    const { pm, store, tenant, project } = await apolloFixture(testStore(), "report-schedule-options");
    expect((await pm.say("report schedule")).text).toContain("every fri at 16:00 UTC");
    const r = await pm.say("report schedule day Monday at 9:30 tz America/New_York");
    expect(r.ok, r.text).toBe(true);
    expect(r.text).toContain("Next: Mon 2 Mar 2026 09:30 America/New_York"); // 14:30Z, after 10:00Z
    const all = await store.reportSchedules.list(tenant, project.id);
    expect(all.map((s) => [s.day, s.time, s.timeZone])).toEqual([["mon", "09:30", "America/New_York"]]);
  });

  it("rejects a bad zone, day or time kindly and writes nothing", async () => {
    const { pm, store, tenant, project, writes } = await apolloFixture(testStore(), "report-schedule-bad");
    const before = await writes();
    const zone = await pm.say("report schedule tz Mars/Olympus");
    expect(zone.ok).toBe(false);
    expect(zone.text).toContain("`Mars/Olympus` is not a time zone");
    expect((await pm.say("report schedule day someday")).text).toContain("is not a day of the week");
    expect((await pm.say("report schedule at 25:00")).text).toContain("is not a time of day");
    expect(await writes()).toBe(before);
    expect(await store.reportSchedules.list(tenant, project.id)).toEqual([]);
  });
});
