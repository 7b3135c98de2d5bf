import { expect, it } from "vitest";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, tableOf } from "../../support/project.js";

describeOnSqlite("stakeholder commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo in a fresh tenant, with its stakeholders as [name, role, approver] rows. */
  async function apollo() {
    const fixture = await apolloFixture(testStore(), "stakeholder");
    const { store, tenant, project } = fixture;
    const stakeholders = async () => {
      const list = await store.stakeholders.list(tenant, project.id);
      const names = new Map(
        (
          await store.members.getMany(
            tenant,
            list.map((s) => s.memberId),
          )
        ).map((m) => [m.id, m.name]),
      );
      return list.map((s) => [names.get(s.memberId), s.role, s.approver]);
    };
    return { ...fixture, stakeholders };
  }

  it("adds stakeholders with a quoted role and the approver flag", async () => {
    const { pm, stakeholders } = await apollo();
    const carol = await pm.say('stakeholder add @carol role "Product owner" approver');
    expect(carol.ok).toBe(true);
    expect(carol.visibility).toBe("channel");
    expect(carol.text).toContain("Added @carol as a stakeholder of Apollo (Product owner, approver).");
    expect((await pm.say("stakeholder add @dave")).ok).toBe(true);
    expect(await stakeholders()).toEqual([
      ["carol", "Product owner", true],
      ["dave", null, false],
    ]);
  });

  it("changes only what is typed when a stakeholder is added again", async () => {
    const { pm, stakeholders, writes } = await apollo();
    await pm.say('stakeholder add @carol role "Sponsor" approver');
    const changed = await pm.say("stakeholder add @carol role CFO");
    expect(changed.ok).toBe(true);
    expect(changed.text).toContain("Sponsor, approver → CFO, approver");
    expect(await stakeholders()).toEqual([["carol", "CFO", true]]);
    const before = await writes();
    const same = await pm.say("stakeholder add @carol");
    expect(same.ok).toBe(true);
    expect(same.text).toContain("already a stakeholder");
    expect(await writes()).toBe(before);
  });

  it("lists stakeholders with roles and approvers", async () => {
    const { pm } = await apollo();
    expect((await pm.say("stakeholder list")).text).toContain("Apollo has no stakeholders yet.");
    await pm.say('stakeholder add @dave role "CTO"');
    await pm.say('stakeholder add @carol role "Sponsor" approver');
    const reply = await pm.say("stakeholder list");
    expect(reply.visibility).toBe("private");
    expect(tableOf(reply.reply.blocks).rows).toEqual([
      ["@carol", "Sponsor", "✓"],
      ["@dave", "CTO", ""],
    ]);
    expect(reply.reply.summary).toBe("2 stakeholders, 1 approver");
  });

  it("removes a stakeholder, and refuses someone who is not one", async () => {
    const { pm, stakeholders } = await apollo();
    await pm.say("stakeholder add @carol approver");
    const removed = await pm.say("stakeholder remove @carol");
    expect(removed.ok).toBe(true);
    expect(removed.text).toContain("Removed @carol from the stakeholders of Apollo");
    expect(await stakeholders()).toEqual([]);
    const again = await pm.say("stakeholder remove @carol");
    expect(again.ok).toBe(false);
    expect(again.text).toContain("@carol is not a stakeholder of Apollo.");
    const noOne = await pm.say("stakeholder remove");
    expect(noOne.ok).toBe(false);
    expect(noOne.text).toContain("needs a user");
  });
});
