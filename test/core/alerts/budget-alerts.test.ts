import { expect, it } from "vitest";
import { budgetAlertKey, crossedThreshold, postBudgetAlert } from "../../../src/core/alerts/budget-threshold.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { chat, recordingNotifier } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

it("finds the highest threshold a change moved across, exactly", () => {
  expect(crossedThreshold(0n, 4_999n, 10_000n)).toBeNull();
  expect(crossedThreshold(4_999n, 5_000n, 10_000n)).toBe(50);
  expect(crossedThreshold(4_960n, 4_999n, 10_000n)).toBeNull(); // 49.99 % rounds to 50 but has not reached it
  expect(crossedThreshold(0n, 8_500n, 10_000n)).toBe(80);
  expect(crossedThreshold(5_000n, 7_000n, 10_000n)).toBeNull(); // already past 50, not yet 80
  expect(crossedThreshold(9_000n, 12_000n, 10_000n)).toBe(100);
  expect(crossedThreshold(0n, 100n, null)).toBeNull();
  expect(crossedThreshold(0n, 100n, 0n)).toBeNull();
});

// Apollo's budget is 10,000 USD.
describeOnSqlite("budget alerts", (provider) => {
  const testStore = suiteStore(provider);

  async function apollo() {
    const fx = await apolloFixture(testStore(), "budget-alert");
    const notify = recordingNotifier();
    const pm = chat(fx.store, { tenant: fx.tenant, channel: "c-apollo", notify });
    const say = async (words: string) => {
      const r = await pm.say(words);
      expect(r.ok, r.text).toBe(true);
      return r;
    };
    const alerts = () => notify.posted.map((p) => p.message).filter((m) => m.kind === "alert");
    return { ...fx, notify, say, alerts };
  }

  it("posts once at 50 %, 80 % and 100 % of the total, to the project channel", async () => {
    const { say, alerts, project, tenant, notify } = await apollo();
    await say("cost add 4000 labour");
    expect(alerts()).toHaveLength(0);
    await say("cost add 1000 labour");
    expect(alerts()).toHaveLength(1);
    await say("cost add 100 labour");
    await say("cost add 2000 labour");
    expect(alerts()).toHaveLength(1);
    await say("cost add 1000 labour"); // 8,100: past 80 %
    await say("cost add 1900 labour"); // 10,000: exactly 100 %
    await say("cost add 500 labour");
    const posted = alerts();
    expect(posted.map((m) => m.dedupeKey)).toEqual([
      `${budgetAlertKey(project.id, 50, 1_000_000n)}:c-apollo`,
      `${budgetAlertKey(project.id, 80, 1_000_000n)}:c-apollo`,
      `${budgetAlertKey(project.id, 100, 1_000_000n)}:c-apollo`,
    ]);
    expect(posted.every((m) => m.channelId === "c-apollo" && m.reply.visibility === "channel")).toBe(true);
    expect(notify.posted.every((p) => p.tenant === tenant)).toBe(true);
    expect(renderText(posted[0]!.reply)).toContain("spending on the budget of Apollo passed 50% — $5,000.00 of $10,000.00 (50%)");
    expect(renderText(posted[1]!.reply)).toContain("passed 80% — $8,100.00 of $10,000.00 (81%)");
    expect(renderText(posted[2]!.reply)).toContain("Budget exceeded: spending on the budget of Apollo is at 100%");
  });

  it("one cost that passes several thresholds posts one alert, for the highest", async () => {
    const { say, alerts, project } = await apollo();
    await say("cost add 8500 labour");
    expect(alerts().map((m) => m.dedupeKey)).toEqual([`${budgetAlertKey(project.id, 80, 1_000_000n)}:c-apollo`]);
  });

  it("re-arms when the budget total changes, and does not repeat for an earlier total", async () => {
    const { say, alerts } = await apollo();
    await say("cost add 8100 labour"); // 81 % of 10,000
    expect(alerts()).toHaveLength(1);
    await say("budget set 20000"); // now 40.5 %: below every threshold again
    await say("cost add 2000 labour"); // 10,100 of 20,000: 50 % again
    await say("cost add 6000 labour"); // 16,100: 80 % again
    expect(alerts().map((m) => m.dedupeKey.split(":").slice(2, 5).join(":"))).toEqual([
      "total:80:1000000",
      "total:50:2000000",
      "total:80:2000000",
    ]);
    await say("budget set 10000"); // back to the first total: spending is already past 100 %
    await say("cost add 10 labour");
    expect(alerts()).toHaveLength(3);
  });

  it("posts a concurrent crossing once: same threshold and total, same key", async () => {
    const { store, tenant, project, notify } = await apollo();
    const ctx = await chat(store, { tenant, channel: "c-apollo", notify }).context();
    const crossing = { threshold: 50 as const, spent: 500_000n, whole: 1_000_000n };
    expect(await postBudgetAlert(ctx, project, crossing)).toHaveLength(1);
    expect(await postBudgetAlert(ctx, project, crossing)).toEqual([]);
    expect(notify.posted).toHaveLength(1);
  });

  it("alerts on a category passing its plan's thresholds", async () => {
    const { say, alerts, project } = await apollo();
    await say("budget software 1000");
    await say("cost add 600 software");
    await say("cost add 500 software");
    expect(alerts().map((m) => m.dedupeKey)).toEqual([
      `${budgetAlertKey(project.id, 50, 100_000n, "software")}:c-apollo`,
      `${budgetAlertKey(project.id, 100, 100_000n, "software")}:c-apollo`,
    ]);
    expect(renderText(alerts()[1]!.reply)).toContain("spending on the software budget of Apollo is at 110%");
  });

  it("posts nothing below 50 %", async () => {
    const { say, alerts } = await apollo();
    await say("cost add 4999 labour");
    expect(alerts()).toHaveLength(0);
  });
});
