import { afterAll, beforeAll, expect, it } from "vitest";
import { commands } from "../../../src/core/commands/index.js";
import type { Store } from "../../../src/core/store.js";
import { chat } from "../../support/context.js";
import { createTestDatabase, describeEachProvider } from "../../support/db.js";

describeEachProvider("resource commands", (provider) => {
  let store: Store;
  let drop: () => Promise<void>;
  let tenants = 0;

  beforeAll(async () => {
    ({ store, drop } = await createTestDatabase(provider));
  });
  afterAll(() => drop());

  /** Apollo in one channel and Zeus in another, in a fresh tenant. */
  async function twoProjects() {
    const tenant = `t-res-${++tenants}`;
    const pm = chat(store, { tenant, channel: "c-apollo" });
    const zeus = chat(store, { tenant, channel: "c-zeus" });
    expect((await pm.say('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27')).ok).toBe(true);
    expect((await zeus.say('project create "Zeus"')).ok).toBe(true);
    const project = (await store.projects.findByName(tenant, "Apollo"))!;
    const allocations = () => store.allocations.list(tenant, project.id);
    const writes = async () => (await store.audit.list(tenant, { limit: 10_000 })).length;
    const bob = () => store.members.ensure(tenant, { platformUserId: "bob" });
    return { pm, zeus, allocations, writes, bob, tenant };
  }

  it("runs every example of the resource commands", async () => {
    const { pm } = await twoProjects();
    for (const def of commands.filter((c) => c.path[0] === "resource")) {
      for (const example of def.examples) {
        const reply = await pm.say(example);
        expect(reply.ok, `${example}\n${reply.text}`).toBe(true);
      }
    }
  });

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
    const table = reply.reply.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" ? table : null).toEqual({
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
