import { expect, it } from "vitest";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, tableOf } from "../../support/project.js";

// Today is Monday 2026-03-02 in the chat clock.
describeOnSqlite("milestone commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo in a fresh tenant, with a lookup of its milestones. */
  async function apollo() {
    const fixture = await apolloFixture(testStore(), "milestone");
    const { store, tenant, project } = fixture;
    const milestones = () => store.milestones.list(tenant, project.id);
    return { ...fixture, milestones };
  }

  it("adds milestones from a name and a date, quoted or not, and with `due` for short weekdays", async () => {
    const { pm, milestones } = await apollo();
    const beta = await pm.say('milestone add "Beta due diligence" 2026-03-13');
    expect(beta.ok).toBe(true);
    expect(beta.visibility).toBe("channel");
    expect(beta.text).toContain("Added milestone #1 Beta due diligence — Fri 13 Mar 2026 (due in 11 days)");
    expect((await pm.say("milestone add Code freeze friday")).ok).toBe(true);
    expect((await pm.say("milestone add Go live due fri")).ok).toBe(true);
    expect((await milestones()).map((m) => [m.number, m.name, m.dueDate, m.doneAt])).toEqual([
      [2, "Code freeze", "2026-03-06", null],
      [3, "Go live", "2026-03-06", null],
      [1, "Beta due diligence", "2026-03-13", null],
    ]);
  });

  it("requires a name and a date, writing nothing without them", async () => {
    const { pm, milestones, writes } = await apollo();
    const before = await writes();
    const noDate = await pm.say("milestone add Launch");
    expect(noDate.ok).toBe(false);
    expect(noDate.text).toContain("needs a date");
    expect(noDate.reply.form?.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["name", "text", true],
      ["date", "date", true],
    ]);
    const noName = await pm.say("milestone add 2026-03-20");
    expect(noName.ok).toBe(false);
    expect(noName.text).toContain("needs a name");
    const badDate = await pm.say("milestone add Launch due someday");
    expect(badDate.ok).toBe(false);
    expect(badDate.text).toContain('"someday" is not a date');
    expect(await milestones()).toHaveLength(0);
    expect(await writes()).toBe(before);
  });

  it("accepts a past date and a date after the project's end, saying so", async () => {
    const { pm } = await apollo();
    const past = await pm.say("milestone add Kick-off 2026-01-05");
    expect(past.ok).toBe(true);
    expect(past.text).toContain("overdue by 56 days");
    expect(past.text).toContain("already passed");
    const late = await pm.say("milestone add Retrospective 2026-04-10");
    expect(late.text).toContain("after the project's end date, Fri 27 Mar 2026");
  });

  it("marks a milestone reached once, and refuses an unknown number", async () => {
    const { pm, milestones, writes } = await apollo();
    await pm.say("milestone add Beta 2026-02-27");
    const done = await pm.say("milestone done #1");
    expect(done.ok).toBe(true);
    expect(done.visibility).toBe("channel");
    expect(done.text).toContain("✓ Milestone #1 Beta reached — 3 days late");
    expect((await milestones())[0]?.doneAt?.toISOString()).toBe("2026-03-02T10:00:00.000Z");

    const before = await writes();
    const again = await pm.say("milestone done #1");
    expect(again.ok).toBe(true);
    expect(again.text).toContain("already marked reached");
    const missing = await pm.say("milestone done #4");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("There is no milestone #4 in Apollo.");
    expect(await writes()).toBe(before);
  });

  it("lists milestones by date: reached, overdue and upcoming", async () => {
    const { pm } = await apollo();
    await pm.say("milestone add Launch 2026-03-20");
    await pm.say("milestone add Design sign-off 2026-02-20");
    await pm.say("milestone add Alpha 2026-02-25");
    await pm.say("milestone done #3");
    const reply = await pm.say("milestone list");
    expect(reply.ok).toBe(true);
    expect(reply.visibility).toBe("private");
    expect(tableOf(reply.reply.blocks).rows).toEqual([
      ["#2", "Design sign-off", "2026-02-20", "⚠ overdue by 10 days"],
      ["#3", "Alpha", "2026-02-25", "✓ done 2026-03-02"],
      ["#1", "Launch", "2026-03-20", "due in 18 days"],
    ]);
    expect(reply.reply.summary).toBe("Milestones: 1 of 3 reached, 1 overdue, next: Launch due in 18 days");
  });

  it("says so when there are none", async () => {
    const { pm } = await apollo();
    const reply = await pm.say("milestone list");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("No milestones in Apollo yet.");
  });
});
