import { expect, it } from "vitest";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, createZeus, tableOf } from "../../support/project.js";

describeOnSqlite("resource commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo in one channel and Zeus in another, in a fresh tenant. */
  async function twoProjects() {
    const fixture = await apolloFixture(testStore(), "resource");
    const { store, tenant, project } = fixture;
    const zeus = await createZeus(store, tenant);
    const allocations = () => store.allocations.list(tenant, project.id);
    const bob = () => store.members.ensure(tenant, { platformUserId: "bob" });
    return { ...fixture, zeus, allocations, bob };
  }

  it("allocates a member and replaces the allocation when allocated again", async () => {
    const { pm, allocations, bob } = await twoProjects();
    const first = await pm.say("resource allocate @bob 50%");
    expect(first.ok).toBe(true);
    expect(first.text).toContain("Allocated @bob to Apollo at 50% with no end date.");
    const again = await pm.say("resource allocate @bob 60 from 2026-03-02 to 2026-03-27");
    expect(again.ok).toBe(true);
    expect(again.text).toContain("at 60% 2026-03-02 to 2026-03-27 (was 50% with no end date)");
    expect((await allocations()).map((a) => [a.memberId, a.percent, a.fromDate, a.toDate])).toEqual([
      [(await bob()).id, 60, "2026-03-02", "2026-03-27"],
    ]);
  });

  it("rejects percents outside 1-100, fractions and an end before the start, writing nothing", async () => {
    const { pm, allocations, writes } = await twoProjects();
    const before = await writes();
    for (const words of ["resource allocate @bob 0%", "resource allocate @bob 150%", "resource allocate @bob 12.5%"]) {
      const reply = await pm.say(words);
      expect(reply.ok, words).toBe(false);
    }
    expect((await pm.say("resource allocate @bob 150%")).text).toContain("from 1% to 100%");
    const backwards = await pm.say("resource allocate @bob 50% from 2026-03-20 to 2026-03-10");
    expect(backwards.ok).toBe(false);
    expect(backwards.text).toContain("end date is before the start date");
    const nobody = await pm.say("resource allocate 50%");
    expect(nobody.ok).toBe(false);
    expect(nobody.text).toContain("needs a user");
    expect(await allocations()).toHaveLength(0);
    expect(await writes()).toBe(before);
  });

  it("warns when a member is booked over 100% across projects, naming them, and still saves", async () => {
    const { pm, zeus, allocations } = await twoProjects();
    expect((await zeus.say("resource allocate @bob 70% from 2026-03-01 to 2026-03-31")).ok).toBe(true);
    const reply = await pm.say("resource allocate @bob 50% from 2026-03-16");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("⚠ @bob is booked 120% 2026-03-16 to 2026-03-31: Apollo 50%, Zeus 70%.");
    expect(reply.reply.summary).toContain("over-allocated");
    expect(await allocations()).toHaveLength(1);

    const list = await pm.say("resource list");
    expect(list.ok).toBe(true);
    expect(list.visibility).toBe("private");
    expect(list.text).toContain("⚠ @bob is booked 120%");
  });

  it("does not warn when the bookings do not overlap or stay within 100%", async () => {
    const { pm, zeus } = await twoProjects();
    await zeus.say("resource allocate @bob 70% from 2026-03-01 to 2026-03-15");
    const later = await pm.say("resource allocate @bob 50% from 2026-03-16");
    expect(later.text).not.toContain("⚠");
    await zeus.say("resource allocate @carol 50%");
    const half = await pm.say("resource allocate @carol 50%");
    expect(half.text).not.toContain("⚠");
  });

  it("lists who is booked, for how much and when", async () => {
    const { pm } = await twoProjects();
    await pm.say("resource allocate @carol 80% from 2026-03-02 to 2026-03-27");
    await pm.say("resource allocate @bob 50%");
    const reply = await pm.say("resource list");
    expect(tableOf(reply.reply.blocks)).toEqual({
      kind: "table",
      columns: ["Member", "%", "From", "To"],
      rows: [
        ["@bob", "50%", "—", "—"],
        ["@carol", "80%", "2026-03-02", "2026-03-27"],
      ],
    });
    expect(reply.reply.summary).toBe("Allocations: 2 people, 1.3 FTE");
  });

  it("says so when nobody is allocated", async () => {
    const { pm } = await twoProjects();
    expect((await pm.say("resource list")).text).toContain("Nobody is allocated to Apollo yet.");
  });
});
