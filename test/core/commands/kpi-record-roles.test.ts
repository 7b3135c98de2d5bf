/**
 * Who may record a KPI reading: the project's owners and managers and the
 * KPI's owner. Anyone else is told who may, and nothing is written.
 */
import { expect, it } from "vitest";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

describeOnSqlite("kpi record permissions", (provider) => {
  const testStore = suiteStore(provider);

  async function apollo() {
    const f = await apolloFixture(testStore(), "kpi-roles");
    expect((await f.pm.say("kpi add Uptime target 99% owner @kim")).ok).toBe(true);
    expect((await f.pm.say("kpi add Velocity target 30")).ok).toBe(true);
    const readings = async (name: string) => (await f.store.kpis.list(f.tenant, f.project.id, 10)).find((k) => k.name === name)!.readings;
    return { ...f, readings };
  }

  it("refuses a member with no role who does not own the KPI, saying who may, and writes nothing", async () => {
    const f = await apollo();
    const before = await f.writes();
    const refused = await f.as("bob", "2026-03-02T11:00:00Z").say("kpi record Uptime 12%");
    expect(refused.ok).toBe(false);
    expect(refused.visibility).toBe("private");
    expect(refused.text).toContain(
      "Only Apollo's owners and managers and Uptime's owner can record readings of Uptime — ask @local-user or @kim.",
    );
    const noOwner = await f.as("bob", "2026-03-02T11:00:00Z").say("kpi record Velocity 1");
    expect(noOwner.text).toContain("Only Apollo's owners and managers can record readings of Velocity — ask @local-user.");
    expect(await f.readings("Uptime")).toEqual([]);
    expect(await f.readings("Velocity")).toEqual([]);
    expect(await f.writes()).toBe(before);
  });

  it("lets the KPI's owner, a manager and the project's owner record", async () => {
    const f = await apollo();
    expect((await f.as("kim", "2026-03-02T11:00:00Z").say("kpi record Uptime 99.5%")).ok).toBe(true);
    // The KPI's owner owns that KPI only.
    expect((await f.as("kim", "2026-03-02T11:05:00Z").say("kpi record Velocity 31")).ok).toBe(false);
    expect((await f.pm.say("project role @sam manager")).ok).toBe(true);
    expect((await f.as("sam", "2026-03-02T12:00:00Z").say("kpi record Velocity 28")).ok).toBe(true);
    expect((await f.at("2026-03-02T13:00:00Z").say("kpi record Uptime 98%")).ok).toBe(true);
    expect((await f.readings("Uptime")).map((r) => r.value)).toEqual([98, 99.5]);
    expect((await f.readings("Velocity")).map((r) => r.value)).toEqual([28]);
  });
});
