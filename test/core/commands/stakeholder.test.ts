import { afterAll, beforeAll, expect, it } from "vitest";
import { commands } from "../../../src/core/commands/index.js";
import type { Store } from "../../../src/core/store.js";
import { chat } from "../../support/context.js";
import { createTestDatabase, describeEachProvider } from "../../support/db.js";

describeEachProvider("stakeholder commands", (provider) => {
  let store: Store;
  let drop: () => Promise<void>;
  let tenants = 0;

  beforeAll(async () => {
    ({ store, drop } = await createTestDatabase(provider));
  });
  afterAll(() => drop());

  async function apollo() {
    const tenant = `t-sh-${++tenants}`;
    const pm = chat(store, { tenant, channel: "c-apollo" });
    expect((await pm.say('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27')).ok).toBe(true);
    const project = (await store.projects.findByName(tenant, "Apollo"))!;
    const stakeholders = async () => {
      const list = await store.stakeholders.list(tenant, project.id);
      const names = new Map((await store.members.getMany(tenant, list.map((s) => s.memberId))).map((m) => [m.id, m.name]));
      return list.map((s) => [names.get(s.memberId), s.role, s.approver]);
    };
    const writes = async () => (await store.audit.list(tenant, { limit: 10_000 })).length;
    return { pm, stakeholders, writes };
  }

  it("runs every example of the stakeholder commands", async () => {
    const { pm } = await apollo();
    for (const def of commands.filter((c) => c.path[0] === "stakeholder")) {
      for (const example of def.examples) {
        const reply = await pm.say(example);
        expect(reply.ok, `${example}\n${reply.text}`).toBe(true);
      }
    }
  });

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
    const table = reply.reply.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" ? table.rows : []).toEqual([
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
