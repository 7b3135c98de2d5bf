import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { tableOf } from "../../support/project.js";
import { weeklyDigest } from "../../../src/core/digest/weekly-digest.js";
import { renderText } from "../../../src/core/views/render-text.js";

let tenants = 0;

describeOnSqlite("report evm", (provider) => {
  const testStore = suiteStore(provider);

  /**
   * The fence exercise of Rita Mulcahy's "PMP Exam Prep" (chapter "Cost
   * Management"), typed in chat: four sides at $1,000 and one day each, at
   * the end of day 3 two sides done ($1,000 and $1,200), one half done ($600).
   */
  async function fence() {
    const store = testStore();
    const tenant = `t-evm-${++tenants}`;
    const pm = chat(store, { tenant, channel: "c-fence", now: "2026-01-07T17:00:00Z" });
    const lines = [
      'project create "Fence" budget 4000 USD start 2026-01-05 end 2026-01-08',
      "task add Side 1 est 1d",
      "task add Side 2 est 1d",
      "task add Side 3 est 1d",
      "task add Side 4 est 1d",
      "task done #1",
      "task done #2",
      "task start #3",
      "cost add 1000 labour on 2026-01-05",
      "cost add 1200 labour on 2026-01-06",
      "cost add 600 labour on 2026-01-07",
    ];
    for (const line of lines) expect((await pm.say(line)).ok, line).toBe(true);
    return { store, tenant, pm };
  }

  it("shows every earned value figure with its meaning and the plain-language reading", async () => {
    const { pm } = await fence();
    const r = await pm.say("report evm");
    expect(r.ok, r.text).toBe(true);
    expect(r.visibility).toBe("private");
    expect(r.text).toContain("Earned value — Fence");
    expect(r.text).toContain("Spending 12% more than planned for the work done; 0.5 days behind.");
    const rows = Object.fromEntries(tableOf(r.reply.blocks).rows.map(([measure, value, meaning]) => [measure!, [value, meaning]]));
    expect(rows["BAC — budget at completion"]).toEqual(["$4,000.00", "the current plan: baseline plus approved changes"]);
    expect(rows["PV — planned value"]).toEqual(["$3,000.00", "75% of the timeline has passed"]);
    expect(rows["EV — earned value"]).toEqual(["$2,500.00", "63% of the estimated work is done"]);
    expect(rows["AC — actual cost"]?.[0]).toBe("$2,800.00");
    expect(rows["CV = EV − AC"]).toEqual(["−$300.00", "over budget for the work done"]);
    expect(rows["SV = EV − PV"]).toEqual(["−$500.00", "behind the plan"]);
    expect(rows["CPI = EV ÷ AC"]?.[0]).toBe("0.89");
    expect(rows["SPI = EV ÷ PV"]).toEqual(["0.83", "progressing at 83% of the planned rate"]);
    expect(rows["SV in days (earned schedule)"]).toEqual(["−0.5 days", "behind"]);
    expect(rows["EAC = BAC ÷ CPI"]?.[0]).toBe("$4,480.00");
    expect(rows["ETC = EAC − AC"]?.[0]).toBe("$1,680.00");
    expect(rows["VAC = BAC − EAC"]).toEqual(["−$480.00", "forecast over budget"]);
    expect(rows["TCPI = (BAC − EV) ÷ (BAC − AC)"]?.[0]).toBe("1.25");
    expect(r.text).toContain("in progress 50%, done 100% (the 50/50 rule)");
    expect(r.reply.summary).toBe(
      "Earned value of Fence: Spending 12% more than planned for the work done; 0.5 days behind. (CPI 0.89 · SPI 0.83 · EAC $4,480.00 (VAC −$480.00))",
    );
  });

  it("puts the reading and the key figures in the digest's budget section", async () => {
    const { store, tenant } = await fence();
    const project = (await store.projects.findByName(tenant, "Fence"))!;
    const out = renderText(await weeklyDigest({ store, tenant }, project, { today: "2026-01-07" }));
    const budget = out.slice(out.indexOf("Budget\n"));
    expect(budget).toContain("Earned value: Spending 12% more than planned for the work done; 0.5 days behind.");
    expect(budget).toContain("CPI 0.89 · SPI 0.83 · EAC $4,480.00 (VAC −$480.00) — `report evm` for every figure");
  });

  it("says what is missing instead of showing figures it cannot compute", async () => {
    const store = testStore();
    const tenant = `t-evm-${++tenants}`;
    const pm = chat(store, { tenant, channel: "c-zeus" });
    expect((await pm.say('project create "Zeus"')).ok).toBe(true);
    const none = await pm.say("report evm");
    expect(none.ok).toBe(true);
    expect(none.text).toContain("Not enough data: no budget is set (`budget set <amount>`).");
    expect(none.reply.blocks.some((b) => b.kind === "table")).toBe(false);

    expect((await pm.say("budget set 5000 USD")).ok).toBe(true);
    expect((await pm.say("task add Plan est 4h")).ok).toBe(true);
    const partial = await pm.say("report evm");
    expect(partial.text).toContain(
      "Not enough data for cost performance: no costs logged yet, so cost performance is unknown; not enough data for schedule performance: the project has no start and end dates",
    );
    const rows = Object.fromEntries(tableOf(partial.reply.blocks).rows.map(([measure, value]) => [measure!, value]));
    expect([rows["PV — planned value"], rows["CPI = EV ÷ AC"], rows["EAC = BAC ÷ CPI"], rows["EV — earned value"]]).toEqual([
      "—",
      "—",
      "—",
      "$0.00",
    ]);
    expect(partial.text).not.toMatch(/NaN|Infinity/);
  });
});
