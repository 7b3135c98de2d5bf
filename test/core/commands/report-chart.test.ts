import { PNG } from "pngjs";
import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import type { Block } from "../../../src/core/views/reply.js";

let tenants = 0;
const imageOf = (blocks: readonly Block[]) => blocks.find((b): b is Extract<Block, { kind: "image" }> => b.kind === "image");

describeOnSqlite("report chart", (provider) => {
  const testStore = suiteStore(provider);

  async function apollo() {
    const pm = chat(testStore(), { tenant: `t-chart-${++tenants}`, channel: "c-apollo", now: "2026-03-20T10:00:00Z" });
    const lines = [
      'project create "Apollo" budget 20000 USD start 2026-01-05 end 2026-05-29',
      "budget set 20000 labour 14000 software 3000",
      "cost add 1500 labour on 2026-01-16",
      "cost add 2200 labour on 2026-02-13",
      "cost add 900 software on 2026-02-02",
      "task add Design est 2d",
      "task add Build est 5d",
      "task done #1",
      "risk add Vendor late p4 i5",
      "risk add Key person leaves p2 i4",
      "kpi add Uptime target 99.9% higher",
      "kpi record Uptime 99.5",
    ];
    for (const line of lines) expect((await pm.say(line)).ok, line).toBe(true);
    return pm;
  }

  it("draws each chart as a PNG for the channel, with a description of what it shows", async () => {
    const pm = await apollo();
    for (const kind of ["burn", "categories", "risks", "burndown", "kpi"]) {
      const r = await pm.say(`report chart ${kind}`);
      expect(r.ok, r.text).toBe(true);
      expect(r.visibility).toBe("channel");
      const image = imageOf(r.reply.blocks);
      expect(image, kind).toBeDefined();
      const png = PNG.sync.read(Buffer.from(image!.png));
      expect(png.width).toBeGreaterThan(300);
      expect(png.width).toBeLessThanOrEqual(1024);
      expect(png.height).toBeLessThanOrEqual(1024);
      expect(image!.alt).toBe(r.reply.summary);
    }
    expect(imageOf((await pm.say("report chart burn")).reply.blocks)!.alt).toContain("$4,600.00 spent, of a $20,000.00 budget");
    expect(imageOf((await pm.say("report chart risks")).reply.blocks)!.alt).toContain("2 open risks (1 critical, 1 medium)");
    expect(imageOf((await pm.say("report chart kpi uptime")).reply.blocks)!.alt).toContain(
      "KPI trend — Uptime: Uptime 99.5% (off track, target 99.9%)",
    );
  });

  it("says what is missing instead of drawing an empty chart", async () => {
    const pm = chat(testStore(), { tenant: `t-chart-${++tenants}`, channel: "c-empty", now: "2026-03-20T10:00:00Z" });
    expect((await pm.say('project create "Empty" budget 1000 USD')).ok).toBe(true);
    const risks = await pm.say("report chart risks");
    expect(imageOf(risks.reply.blocks)).toBeUndefined();
    expect(risks.text).toContain("No open risks to chart.");
    expect((await pm.say("report chart burndown")).text).toContain("add tasks with `task add`");
    expect((await pm.say("report chart kpi")).text).toContain("No KPIs yet");
  });

  it("answers a wrong kind or a KPI name that does not exist with what to type", async () => {
    const pm = await apollo();
    const unknown = await pm.say("report chart pie");
    expect(unknown.ok).toBe(false);
    expect(unknown.text).toContain(
      '"pie" is not a chart I can draw. Choose one: `report chart burn`, `report chart categories`, `report chart risks`, `report chart burndown`, `report chart kpi`.',
    );
    const missingKind = await pm.say("report chart");
    expect(missingKind.ok).toBe(false);
    expect(missingKind.text).toContain("Which chart?");
    const typo = await pm.say("report chart kpi Uptme");
    expect(typo.ok).toBe(false);
    expect(typo.text).toContain('Did you mean "Uptime"?');
    const nameOnBurn = await pm.say("report chart burn Uptime");
    expect(nameOnBurn.ok).toBe(false);
    expect(nameOnBurn.text).toContain("Only `report chart kpi` takes a name");
  });
});
