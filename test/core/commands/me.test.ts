import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";

let tenants = 0;

describeOnSqlite("me commands", (provider) => {
  const testStore = suiteStore(provider);
  const person = (user = "ada", timeZone = "Europe/Berlin") => {
    const tenant = `t-me-${++tenants}`;
    return { tenant, ada: chat(testStore(), { tenant, user, timeZone, channel: "c-general" }) };
  };

  it("shows the default quiet hours and the person's zone", async () => {
    const { ada } = person();
    const shown = await ada.say("me");
    expect(shown.ok).toBe(true);
    expect(shown.text).toContain("Europe/Berlin");
    expect(shown.text).toContain("20:00–08:00");
  });

  it("sets quiet hours, turns them off and back to the default, each audited", async () => {
    const { tenant, ada } = person();
    const set = await ada.say("me quiet 22:00 - 7:00");
    expect(set.ok).toBe(true);
    expect(set.text).toContain("22:00–07:00");
    const store = testStore();
    const me = async () => store.members.ensure(tenant, { platformUserId: "ada" });
    expect((await me()).quietHours).toBe("22:00-07:00");
    expect((await ada.say("me quiet off")).ok).toBe(true);
    expect((await me()).quietHours).toBe("");
    expect((await ada.say("me")).text).toContain("off");
    expect((await ada.say("me quiet default")).ok).toBe(true);
    expect((await me()).quietHours).toBe("20:00-08:00");
    const events = await store.audit.list(tenant);
    expect(events.filter((e) => e.action === "member.quiet-hours")).toHaveLength(3);
  });

  it("refuses a window it cannot read, with an example, and writes nothing", async () => {
    const { tenant, ada } = person();
    for (const bad of ["me quiet evenings", "me quiet 22:00-22:00", "me quiet 25:00-07:00"]) {
      const reply = await ada.say(bad);
      expect(reply.ok).toBe(false);
      expect(reply.text).toContain("is not a time window");
      expect(reply.text).toContain("me quiet 22:00-07:00");
    }
    const missing = await ada.say("me quiet");
    expect(missing.ok).toBe(false);
    expect((await testStore().audit.list(tenant)).filter((e) => e.action === "member.quiet-hours")).toHaveLength(0);
  });

  it("changes only the member who typed it, in their own tenant", async () => {
    const { tenant, ada } = person();
    const bob = chat(testStore(), { tenant, user: "bob", channel: "c-general" });
    const other = chat(testStore(), { tenant: `${tenant}-other`, user: "ada", channel: "c-general" });
    await bob.say("me");
    await other.say("me");
    expect((await ada.say("me quiet off")).ok).toBe(true);
    const store = testStore();
    expect((await store.members.ensure(tenant, { platformUserId: "bob" })).quietHours).toBe("20:00-08:00");
    expect((await store.members.ensure(`${tenant}-other`, { platformUserId: "ada" })).quietHours).toBe("20:00-08:00");
  });
});
