import { expect, it } from "vitest";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, tableOf } from "../../support/project.js";

// Today is 2026-03-02 in the chat clock.
describeOnSqlite("risk commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo in a fresh tenant, with lookups of its risks. */
  async function apollo() {
    const fixture = await apolloFixture(testStore(), "risk");
    const { store, tenant, project } = fixture;
    const risk = async (n: number) => (await store.risks.byNumber(tenant, project.id, n))!;
    const risks = () => store.risks.list(tenant, project.id);
    return { ...fixture, risk, risks };
  }

  it("adds a risk from free words with owner, mitigation and review date", async () => {
    const { pm, risk, name } = await apollo();
    const reply = await pm.say('risk add Vendor may deliver late p3 i4 owner @bob mitigation "Mock the vendor API" review 2026-03-10');
    expect(reply.ok).toBe(true);
    expect(reply.visibility).toBe("private");
    expect(reply.text).toContain("Added risk #1 Vendor may deliver late — P3 × I4 = 12 (high)");
    expect(reply.text).not.toContain("critical");
    const stored = await risk(1);
    expect(stored).toMatchObject({
      title: "Vendor may deliver late",
      probability: 3,
      impact: 4,
      mitigation: "Mock the vendor API",
      reviewDate: "2026-03-10",
      status: "open",
    });
    expect(await name(stored.ownerId)).toBe("bob");
  });

  it("keeps keywords in a quoted title", async () => {
    const { pm, risk } = await apollo();
    expect((await pm.say('risk add "Product owner has no time for review" p2 i3')).ok).toBe(true);
    expect(await risk(1)).toMatchObject({ title: "Product owner has no time for review", ownerId: null, reviewDate: null });
  });

  it("flags a score of 15 as critical and alerts the channel once", async () => {
    const { pm, posted } = await apollo();
    const critical = await pm.say("risk add Key developer leaves p3 i5");
    expect(critical.ok).toBe(true);
    // The channel hears it through the alert; the reply to the person typing stays private.
    expect(critical.visibility).toBe("private");
    expect(posted.map((p) => [p.message.kind, p.message.channelId])).toEqual([["alert", "c-apollo"]]);
    expect(posted[0]!.message.reply.summary).toContain("Key developer leaves");
    expect(critical.text).toContain("The team was alerted in this channel.");
    expect(critical.text).toContain("Critical risk added #1");
    expect(critical.text).toContain("= 15 critical");
    expect(critical.text).toContain("needs an owner, a mitigation and a review date");
    const high = await pm.say("risk add Budget cut p2 i7");
    expect(high.ok).toBe(false);
  });

  it("rejects a scale outside 1-5 and writes nothing", async () => {
    const { pm, risks, writes } = await apollo();
    const before = await writes();
    const impact = await pm.say("risk add Budget cut p2 i7");
    expect(impact.ok).toBe(false);
    expect(impact.text).toContain('"i7" is not an impact');
    const probability = await pm.say("risk add Budget cut p0 i3");
    expect(probability.ok).toBe(false);
    expect(probability.text).toContain('"p0" is not a probability');
    const missing = await pm.say("risk add Budget cut p2");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("needs an impact");
    expect(missing.reply.form?.fields.find((f) => f.name === "impact")).toMatchObject({ required: true, kind: "select" });
    expect(await risks()).toHaveLength(0);
    expect(await writes()).toBe(before);
  });

  it("accepts the 1-5 picker of the risk form", async () => {
    const { pm, risk } = await apollo();
    const { submitForm } = await import("../../../src/core/dispatch.js");
    const reply = await submitForm(await pm.context(), "risk add", { title: "Server room floods", probability: "1", impact: "5" });
    expect(reply.ok).toBe(true);
    expect(await risk(1)).toMatchObject({ probability: 1, impact: 5 });
  });

  it("lists open risks by score, marking reviews that are past due", async () => {
    const { pm } = await apollo();
    await pm.say("risk add Low one p1 i2");
    await pm.say("risk add Top one p5 i5 owner @bob review 2026-02-20");
    await pm.say("risk add Middle one p3 i3 review 2026-03-20");
    await pm.say("risk add Gone one p4 i4");
    await pm.say("risk close #4");
    const reply = await pm.say("risk list");
    expect(reply.ok).toBe(true);
    expect(reply.visibility).toBe("private");
    const table = tableOf(reply.reply.blocks);
    expect(table.columns).toEqual(["#", "Risk", "P", "I", "Score", "Severity", "Owner", "Review"]);
    expect(table.rows).toEqual([
      ["#2", "Top one", "5", "5", "25", "critical", "@bob", "2026-02-20 ⚠ overdue"],
      ["#3", "Middle one", "3", "3", "9", "medium", "—", "2026-03-20"],
      ["#1", "Low one", "1", "2", "2", "low", "—", "—"],
    ]);
    expect(reply.reply.summary).toBe("3 open risks, 1 critical, 1 past its review date");
    const all = await pm.say("risk list all");
    expect(all.text).toContain("Gone one");
  });

  it("says so when there are no risks", async () => {
    const { pm } = await apollo();
    const reply = await pm.say("risk list");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("No open risks in Apollo.");
  });

  it("shows every field of one risk, and refuses an unknown number", async () => {
    const { pm } = await apollo();
    await pm.say('risk add Vendor late p3 i4 owner @bob mitigation "Mock the API" review 2026-02-27');
    const shown = await pm.say("risk show #1");
    expect(shown.ok).toBe(true);
    for (const part of [
      "Risk #1 — Vendor late",
      "open",
      "P3 × I4 = 12 (high)",
      "3 — possible",
      "4 — major",
      "@bob",
      "Mock the API",
      "Fri 27 Feb 2026 ⚠ review overdue",
    ]) {
      expect(shown.text).toContain(part);
    }
    const missing = await pm.say("risk show #5");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("There is no risk #5 in Apollo.");
  });

  it("updates only what is given and flags a risk that becomes critical", async () => {
    const { pm, risk, name, posted } = await apollo();
    await pm.say('risk add Vendor late p3 i4 owner @bob mitigation "Mock the API" review 2026-03-10');
    expect(posted).toHaveLength(0);
    const reply = await pm.say("risk update #1 p4");
    expect(reply.ok).toBe(true);
    expect(reply.visibility).toBe("private");
    expect(posted.map((p) => p.message.kind)).toEqual(["alert"]);
    expect(reply.text).toContain("Risk #1 is now critical: Vendor late");
    expect(reply.text).toContain("Score: P3 × I4 = 12 (high) → P4 × I4 = 16 critical");
    const stored = await risk(1);
    expect(stored).toMatchObject({ probability: 4, impact: 4, mitigation: "Mock the API", reviewDate: "2026-03-10", title: "Vendor late" });
    expect(await name(stored.ownerId)).toBe("bob");

    const owner = await pm.say('risk update #1 owner @carol mitigation "Second vendor"');
    expect(owner.ok).toBe(true);
    expect(owner.visibility).toBe("private");
    expect(owner.text).toContain("Owner: @bob → @carol");
    expect(owner.text).not.toContain("Score:");
    const after = await risk(1);
    expect(after).toMatchObject({ probability: 4, impact: 4, mitigation: "Second vendor", reviewDate: "2026-03-10" });
    expect(await name(after.ownerId)).toBe("carol");
  });

  it("does not flag a risk that was already critical, nor one that stays below 15", async () => {
    const { pm } = await apollo();
    await pm.say("risk add Outage p2 i2");
    const higher = await pm.say("risk update #1 p3 i4");
    expect(higher.text).toContain("→ P3 × I4 = 12 (high)");
    expect(higher.visibility).toBe("private");
    await pm.say("risk update #1 i5");
    const still = await pm.say("risk update #1 p4");
    expect(still.text).not.toContain("now critical");
  });

  it("requires at least one change and lists what can be changed, writing nothing", async () => {
    const { pm, writes } = await apollo();
    await pm.say("risk add Vendor late p3 i4");
    const before = await writes();
    const reply = await pm.say("risk update #1");
    expect(reply.ok).toBe(false);
    expect(reply.text).toContain("Say what to change on risk #1");
    expect(reply.text).toContain("`owner @user`");
    expect(reply.text).toContain("`review <date>`");
    const same = await pm.say("risk update #1 p3");
    expect(same.ok).toBe(true);
    expect(same.text).toContain("nothing changed");
    const bad = await pm.say("risk update #1 p6");
    expect(bad.ok).toBe(false);
    const missing = await pm.say("risk update #3 p2");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("There is no risk #3 in Apollo.");
    expect(await writes()).toBe(before);
  });

  it("closes a risk once", async () => {
    const { pm, risk, writes } = await apollo();
    await pm.say("risk add Vendor late p3 i4");
    const closed = await pm.say("risk close #1");
    expect(closed.ok).toBe(true);
    expect(closed.text).toContain("Closed risk #1 Vendor late");
    const stored = await risk(1);
    expect(stored.status).toBe("closed");
    expect(stored.closedAt).toBeInstanceOf(Date);
    const before = await writes();
    const again = await pm.say("risk close #1");
    expect(again.ok).toBe(true);
    expect(again.text).toContain("already closed");
    expect(await writes()).toBe(before);
    expect((await pm.say("risk close #2")).ok).toBe(false);
  });

  it("draws the open risks on a 5 × 5 grid with counts per severity", async () => {
    const { pm } = await apollo();
    await pm.say("risk add A p3 i5");
    await pm.say("risk add B p3 i5");
    await pm.say("risk add C p1 i1");
    await pm.say("risk add D p5 i2");
    await pm.say("risk add E p4 i4");
    await pm.say("risk close #5");
    const reply = await pm.say("risk matrix");
    expect(reply.ok).toBe(true);
    const table = tableOf(reply.reply.blocks);
    expect(table.columns).toEqual(["P \\ I", "I1", "I2", "I3", "I4", "I5"]);
    expect(table.rows).toEqual([
      ["P5", "·", "1", "·", "·", "·"],
      ["P4", "·", "·", "·", "·", "·"],
      ["P3", "·", "·", "·", "·", "2"],
      ["P2", "·", "·", "·", "·", "·"],
      ["P1", "1", "·", "·", "·", "·"],
    ]);
    expect(reply.text).toContain("4 open risks: critical 2 · high 1 · medium 0 · low 1.");
  });
});
