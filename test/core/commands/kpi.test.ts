import { expect, it } from "vitest";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, tableOf } from "../../support/project.js";

// Readings need distinct times to have an order, so tests that record several give each chat its own clock with `at`.
describeOnSqlite("kpi commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo in a fresh tenant, with a lookup of its KPIs and their readings. */
  async function apollo() {
    const fixture = await apolloFixture(testStore(), "kpi");
    const { store, tenant, project } = fixture;
    const kpis = () => store.kpis.list(tenant, project.id, 10);
    return { ...fixture, kpis };
  }

  it("reads a target with its unit and the direction, higher by default", async () => {
    const { pm, kpis } = await apollo();
    const uptime = await pm.say("kpi add Uptime target 95%");
    expect(uptime.ok).toBe(true);
    expect(uptime.text).toContain("target ≥ 95% (higher is better)");
    expect((await pm.say("kpi add API response time target 200ms lower")).ok).toBe(true);
    expect((await pm.say('kpi add "Customer satisfaction target" target 4.5')).ok).toBe(true);
    expect((await kpis()).map((k) => [k.name, k.target, k.unit, k.direction])).toEqual([
      ["API response time", 200, "ms", "lower"],
      ["Customer satisfaction target", 4.5, null, "higher"],
      ["Uptime", 95, "%", "higher"],
    ]);
  });

  it("refuses a second KPI of the same name, whatever its case, and bad targets", async () => {
    const { pm, kpis, writes } = await apollo();
    await pm.say("kpi add Uptime target 99.9%");
    const before = await writes();
    const dup = await pm.say("kpi add uptime target 95%");
    expect(dup.ok).toBe(false);
    expect(dup.text).toContain('already has a KPI called "Uptime"');
    const bad = await pm.say("kpi add Velocity target lots");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain('"lots" is not a number');
    const noTarget = await pm.say("kpi add Velocity");
    expect(noTarget.ok).toBe(false);
    expect(noTarget.reply.form?.fields.map((f) => f.name)).toEqual([
      "name",
      "target",
      "direction",
      "description",
      "measure",
      "deadline",
      "owner",
    ]);
    expect(await kpis()).toHaveLength(1);
    expect(await writes()).toBe(before);
  });

  it("takes the last number as the value and the other words as the name", async () => {
    const { pm, kpis } = await apollo();
    await pm.say("kpi add Uptime target 99.9%");
    await pm.say('kpi add "Top 10 conversion" target 5%');
    expect((await pm.say("kpi record Uptime 99.2%")).ok).toBe(true);
    const top = await pm.say("kpi record Top 10 conversion 4.5%");
    expect(top.ok).toBe(true);
    expect(top.text).toContain("Top 10 conversion: 4.5%");
    expect((await pm.say('kpi record "Top 10 conversion" 4.8')).ok).toBe(true);
    const values = Object.fromEntries((await kpis()).map((k) => [k.name, k.readings.map((r) => r.value).sort()]));
    expect(values).toEqual({ Uptime: [99.2], "Top 10 conversion": [4.5, 4.8] });
  });

  it("accepts a reading typed before the name, and from the form", async () => {
    const { pm, kpis } = await apollo();
    await pm.say('kpi add "Top 10 conversion" target 5%');
    expect((await pm.say("kpi record 4.5% Top 10 conversion")).ok).toBe(true);
    const { submitForm } = await import("../../../src/core/dispatch.js");
    const form = await submitForm(await pm.context(), "kpi record", { name: "Top 10 conversion", value: "4.7" });
    expect(form.ok).toBe(true);
    expect((await kpis())[0]?.readings.map((r) => r.value).sort()).toEqual([4.5, 4.7]);
  });

  it("suggests the nearest KPI for an unknown name and writes nothing", async () => {
    const { pm, writes } = await apollo();
    await pm.say("kpi add Uptime target 99.9%");
    const before = await writes();
    const typo = await pm.say("kpi record Uptme 99.5%");
    expect(typo.ok).toBe(false);
    expect(typo.text).toContain('There is no KPI called "Uptme" in Apollo. Did you mean "Uptime"?');
    const noValue = await pm.say("kpi record Uptime");
    expect(noValue.ok).toBe(false);
    expect(noValue.text).toContain("Give the reading after the KPI's name");
    const wrongUnit = await pm.say("kpi record Uptime 99ms");
    expect(wrongUnit.ok).toBe(false);
    expect(wrongUnit.text).toContain("Uptime is measured in %");
    expect(await writes()).toBe(before);
  });

  it("says whether a reading is on track for its direction, and how it moved", async () => {
    const { at, pm } = await apollo();
    await pm.say("kpi add Uptime target 99.9%");
    await pm.say("kpi add Page load target 200ms lower");

    const first = await at("2026-03-02T10:00:00Z").say("kpi record Uptime 99.95%");
    expect(first.text).toContain("Uptime: 99.95% — on track (target ≥ 99.9%).");
    expect(first.text).toContain("First reading.");
    expect(first.visibility).toBe("private");

    const worse = await at("2026-03-03T10:00:00Z").say("kpi record Uptime 99.5%");
    expect(worse.text).toContain("off track");
    expect(worse.text).toContain("↓ worse than the previous reading, 99.95%.");
    expect(worse.visibility).toBe("channel");

    const same = await at("2026-03-04T10:00:00Z").say("kpi record Uptime 99.5");
    expect(same.text).toContain("→ unchanged from the previous reading");
    expect(same.visibility).toBe("private");

    const fast = await at("2026-03-02T10:00:00Z").say("kpi record Page load 250ms");
    expect(fast.text).toContain("off track");
    const faster = await at("2026-03-03T10:00:00Z").say("kpi record Page load 180");
    expect(faster.text).toContain("on track (target ≤ 200ms)");
    expect(faster.text).toContain("↓ better than the previous reading, 250ms.");
  });

  it("lists KPIs with latest reading, target, status and trend", async () => {
    const { at, pm } = await apollo();
    await pm.say("kpi add Uptime target 99.9%");
    await pm.say("kpi add Page load target 200ms lower");
    await pm.say("kpi add Velocity target 30");
    await at("2026-03-02T10:00:00Z").say("kpi record Uptime 99.5%");
    await at("2026-03-03T10:00:00Z").say("kpi record Uptime 99.95%");
    await at("2026-03-02T10:00:00Z").say("kpi record Page load 300ms");
    const reply = await pm.say("kpi list");
    expect(reply.ok).toBe(true);
    expect(reply.visibility).toBe("private");
    expect(tableOf(reply.reply.blocks)).toEqual({
      kind: "table",
      columns: ["KPI", "Latest", "Target", "Status", "Trend", "Deadline", "Owner"],
      rows: [
        ["Page load", "300ms", "≤ 200ms", "⚠ off track", "—", "—", "—"],
        ["Uptime", "99.95%", "≥ 99.9%", "on track", "↑ better", "—", "—"],
        ["Velocity", "—", "≥ 30", "no readings", "—", "—", "—"],
      ],
    });
    expect(reply.reply.summary).toBe("3 KPIs, 1 off track");
  });

  it("takes the SMART fields by keyword and stores them", async () => {
    const { pm, kpis, name } = await apollo();
    const r = await pm.say(
      'kpi add Checkout conversion target 3.5% description "Share of carts that end in a paid order" measure "Weekly analytics export" deadline 2026-06-30 owner @alice',
    );
    expect(r.ok, r.text).toBe(true);
    expect(r.text).toContain("Added KPI Checkout conversion: target ≥ 3.5% (higher is better).");
    expect(r.text).toMatch(/Description:\s+Share of carts that end in a paid order/);
    expect(r.text).toMatch(/Measure:\s+Weekly analytics export/);
    expect(r.text).toMatch(/Deadline:\s+Tue 30 Jun 2026 \(in 120 days\)/);
    expect(r.text).toMatch(/Owner:\s+@alice/);
    expect(r.text).not.toContain("Not yet SMART");
    const [kpi] = await kpis();
    expect(kpi).toMatchObject({
      name: "Checkout conversion",
      target: 3.5,
      unit: "%",
      direction: "higher",
      description: "Share of carts that end in a paid order",
      measure: "Weekly analytics export",
      deadline: "2026-06-30",
    });
    expect(await name(kpi!.ownerId)).toBe("alice");
  });

  it("says which SMART fields are missing, and refuses a past deadline or an owner that is not a person", async () => {
    const { pm, kpis, writes } = await apollo();
    const plain = await pm.say("kpi add Uptime target 99.9% owner @bob");
    expect(plain.text).toContain("Not yet SMART: missing a description, a measure and a deadline.");
    const before = await writes();
    const past = await pm.say("kpi add Velocity target 30 deadline 2026-02-01");
    expect(past.ok).toBe(false);
    expect(past.text).toContain("That deadline has already passed: give today or a later date");
    const noOwner = await pm.say("kpi add Velocity target 30 owner bob");
    expect(noOwner.ok).toBe(false);
    expect(noOwner.text).toMatch(/@/);
    const badDate = await pm.say("kpi add Velocity target 30 deadline someday");
    expect(badDate.ok).toBe(false);
    expect(badDate.text).toContain("someday");
    expect(await writes()).toBe(before);
    expect(await kpis()).toHaveLength(1);
  });

  it("shows one KPI with its SMART fields and its readings over time, newest first, with dates and arrows", async () => {
    const { at, pm } = await apollo();
    await pm.say('kpi add Page load target 200ms lower measure "p95 in Grafana" deadline 2026-03-10 owner @bob');
    await at("2026-02-23T10:00:00Z").say("kpi record Page load 320ms");
    await at("2026-02-24T10:00:00Z").say("kpi record Page load 260ms");
    await at("2026-02-25T10:00:00Z").say("kpi record Page load 280ms");
    await at("2026-03-02T09:00:00Z").say("kpi record Page load 190ms");
    const r = await pm.say("kpi show page load");
    expect(r.ok, r.text).toBe(true);
    expect(r.text).toContain("KPI — Page load");
    expect(r.text).toMatch(/Status:\s+190ms on Mon 2 Mar 2026 — on track, ↓ better/);
    expect(r.text).toMatch(/Target:\s+≤ 200ms \(lower is better\)/);
    expect(r.text).toMatch(/Measure:\s+p95 in Grafana/);
    expect(r.text).toMatch(/Deadline:\s+Tue 10 Mar 2026 \(in 8 days\)/);
    expect(r.text).toMatch(/Owner:\s+@bob/);
    expect(r.text).toContain("Not yet SMART: missing a description.");
    expect(tableOf(r.reply.blocks)).toEqual({
      kind: "table",
      columns: ["Date", "Value", "Status", "Trend"],
      rows: [
        ["Mon 2 Mar 2026", "190ms", "on track", "↓ better"],
        ["Wed 25 Feb 2026", "280ms", "⚠ off track", "↑ worse"],
        ["Tue 24 Feb 2026", "260ms", "⚠ off track", "↓ better"],
        ["Mon 23 Feb 2026", "320ms", "⚠ off track", "—"],
      ],
    });
    expect(r.reply.summary).toBe("Page load: on track");

    const typo = await pm.say("kpi show Page lod");
    expect(typo.ok).toBe(false);
    expect(typo.text).toContain('Did you mean "Page load"?');
  });

  it("lists the deadline and owner of each KPI", async () => {
    const { pm } = await apollo();
    await pm.say("kpi add Uptime target 99.9% deadline 2026-06-30 owner @alice");
    const r = await pm.say("kpi list");
    expect(tableOf(r.reply.blocks).rows).toEqual([["Uptime", "—", "≥ 99.9%", "no readings", "—", "Tue 30 Jun 2026", "@alice"]]);
  });

  it("says so when there are no KPIs", async () => {
    const { pm } = await apollo();
    expect((await pm.say("kpi list")).text).toContain("No KPIs in Apollo yet.");
    const record = await pm.say("kpi record Uptime 99%");
    expect(record.ok).toBe(false);
    expect(record.text).toContain("Apollo has no KPIs yet.");
  });
});
