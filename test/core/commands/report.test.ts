import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

// Today is 2026-03-02 in the chat clock; Apollo runs 2026-01-05 to 2026-03-27 with 10,000 USD.
describeOnSqlite("report command", (provider) => {
  const testStore = suiteStore(provider);

  it("renders the weekly digest of the channel's project, privately", async () => {
    const { pm } = await apolloFixture(testStore(), "report");
    expect((await pm.say("task add Write the runbook @carol due 2026-02-27")).ok).toBe(true);
    expect((await pm.say("task add Deploy staging @bob due 2026-03-05")).ok).toBe(true);
    expect((await pm.say("cost add 2500 labour on 2026-02-27")).ok).toBe(true);
    expect((await pm.say('risk add Vendor API late p3 i4 owner @bob mitigation "Mock the API"')).ok).toBe(true);
    expect((await pm.say("milestone add Beta 2026-03-20")).ok).toBe(true);

    for (const words of ["report", "report weekly"]) {
      const r = await pm.say(words);
      expect(r.ok, r.text).toBe(true);
      expect(r.visibility).toBe("private");
      expect(r.text).toContain("Weekly status — Apollo");
      expect(r.text).toContain("Tue 24 Feb 2026 – Mon 2 Mar 2026");
      expect(r.text).toContain("Open tasks (2, 1 overdue)");
      expect(r.text).toContain("⚠ #1 Write the runbook — @carol, due Fri 27 Feb 2026 (overdue by 3 days)");
      expect(r.text).toMatch(/Spent:\s+\$2,500\.00/);
      expect(r.text).toMatch(/Spent this week:\s+\$2,500\.00/);
      expect(r.text).toMatch(/Used:\s+25% of \$10,000\.00/);
      expect(r.text).toContain("#1 Vendor API late — P3 × I4 = 12 (high); owner @bob; mitigation: Mock the API");
      expect(r.text).toMatch(/Next: #1 Beta/);
      expect(r.text).not.toContain("coming soon");
    }
  });

  it("asks for a project in a channel without one, and rejects unknown options", async () => {
    const { store, tenant } = await apolloFixture(testStore(), "report-nowhere");
    const elsewhere = chat(store, { tenant, channel: "c-random" });
    const r = await elsewhere.say("report");
    expect(r.ok).toBe(false);
    expect(r.text).toContain("isn't linked to a project");
    expect((await elsewhere.say('report in "Apollo"')).text).toContain("Weekly status — Apollo");
    expect((await elsewhere.say("report monthly")).ok).toBe(false);
  });

  it("is listed in help as available", async () => {
    const { pm } = await apolloFixture(testStore(), "report-help");
    const help = await pm.say("help report");
    expect(help.text).toContain("Weekly status report");
    expect(help.text).not.toContain("coming soon");
  });
});
