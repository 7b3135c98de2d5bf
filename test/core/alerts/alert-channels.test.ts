import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

// Where a project's alerts go: its linked channels, or the one chosen with `project alerts`.
describeOnSqlite("alert channels", (provider) => {
  const testStore = suiteStore(provider);

  it("posts a critical risk typed elsewhere to the project's channel, not where it was typed", async () => {
    const { store, tenant, posted } = await apolloFixture(testStore(), "alerts");
    const notify = {
      post: async (t: string, message: (typeof posted)[number]["message"]) => (
        posted.push({ tenant: t, message }), { id: message.dedupeKey, created: true }
      ),
    };
    const elsewhere = chat(store, { tenant, channel: "c-random", notify });
    const reply = await elsewhere.say('risk add "Vendor goes bust" p5 i4 in "Apollo"');
    expect(reply.ok).toBe(true);
    expect(posted.map((p) => [p.message.kind, p.message.channelId])).toEqual([["alert", "c-apollo"]]);
    expect(reply.text).toContain("The team was alerted in #c-apollo.");
  });

  it("sends alerts to the chosen channel, and back to the linked ones with `default`", async () => {
    const { pm, posted, project, store, tenant } = await apolloFixture(testStore(), "alerts");
    expect((await pm.say("project alerts")).text).toContain("go to #c-apollo");
    const chosen = await pm.say("project alerts #apollo-risks");
    expect(chosen.ok).toBe(true);
    expect(chosen.text).toContain("go to #apollo-risks");
    expect((await store.projects.get(tenant, project.id))?.alertChannelId).toBe("apollo-risks");

    await pm.say('risk add "Key developer leaves" p3 i5');
    await pm.say("cost add 6000 USD labour");
    expect(posted.map((p) => [p.message.kind, p.message.channelId])).toEqual([
      ["alert", "apollo-risks"],
      ["alert", "apollo-risks"],
    ]);

    expect((await pm.say("project alerts default")).text).toContain("go to #c-apollo");
    await pm.say("cost add 2500 USD labour");
    expect(posted.at(-1)?.message.channelId).toBe("c-apollo");
    const events = (await store.audit.list(tenant)).filter((e) => e.action === "project.alert-channel");
    expect(events).toHaveLength(2);
  });

  it("refuses something that is not a channel and changes nothing", async () => {
    const { pm, project, store, tenant } = await apolloFixture(testStore(), "alerts");
    const reply = await pm.say("project alerts <#bad channel>");
    expect(reply.ok).toBe(false);
    expect(reply.text).toContain("is not a channel");
    expect((await store.projects.get(tenant, project.id))?.alertChannelId).toBeNull();
  });

  it("lists a project's linked channels only within its tenant", async () => {
    const { pm, project, store, tenant } = await apolloFixture(testStore(), "alerts");
    const second = chat(store, { tenant, channel: "c-apollo-2" });
    expect((await second.say('project link "Apollo"')).ok).toBe(true);
    expect(await store.projects.channels(tenant, project.id)).toEqual(["c-apollo", "c-apollo-2"]);
    expect(await store.projects.channels(`${tenant}-other`, project.id)).toEqual([]);
    expect((await pm.say("project alerts")).text).toContain("#c-apollo and #c-apollo-2");
  });
});
