import { describe, expect, it } from "vitest";
import { CHANGE_LINE_CATEGORY, changeSettlement } from "../../../src/core/domain/change-settlement.js";
import { MONEY_LIMIT } from "../../../src/core/domain/money.js";

const project = { name: "Apollo", currency: "EUR", budgetTotal: 1_000_000n as bigint | null, endDate: "2026-03-27" as string | null };
const change = {
  number: 3,
  costImpact: 250_000n as bigint | null,
  currency: "EUR" as string | null,
  scheduleDays: 5 as number | null,
  scopeText: "SSO" as string | null,
};

describe("change settlement", () => {
  it("raises the total by the cost beside the baseline, moves the end date and adds the scope to the latest charter", () => {
    const latest = { content: { objectives: ["Ship v1"], scope: { in: ["Login"], out: ["Mobile"] }, extra: { kept: true } } };
    expect(changeSettlement(project, change, latest)).toEqual({
      ok: true,
      settlement: {
        budget: { total: 1_250_000n, category: CHANGE_LINE_CATEGORY, amount: 250_000n },
        schedule: { endDate: "2026-04-01", days: 5 },
        charter: {
          content: { objectives: ["Ship v1"], scope: { in: ["Login", "SSO"], out: ["Mobile"] }, extra: { kept: true } },
          added: "SSO",
        },
      },
    });
    expect(CHANGE_LINE_CATEGORY).toBe("other");
  });

  it("counts a budget not set yet as 0, leaves a project without an end date without one, and starts a charter with just the scope", () => {
    const outcome = changeSettlement({ ...project, budgetTotal: null, endDate: null }, { ...change, scheduleDays: -3 }, null);
    expect(outcome).toEqual({
      ok: true,
      settlement: {
        budget: { total: 250_000n, category: "other", amount: 250_000n },
        schedule: null,
        charter: { content: { scope: { in: ["SSO"], out: [] } }, added: "SSO" },
      },
    });
  });

  it("does nothing for impacts that are absent, zero or blank", () => {
    for (const none of [
      { costImpact: null, scheduleDays: null, scopeText: null },
      { costImpact: 0n, scheduleDays: 0, scopeText: "  " },
    ]) {
      expect(changeSettlement(project, { ...change, ...none }, null)).toEqual({
        ok: true,
        settlement: { budget: null, schedule: null, charter: null },
      });
    }
  });

  it("moves the end date earlier for a schedule gain", () => {
    const outcome = changeSettlement(project, { ...change, costImpact: null, scopeText: null, scheduleDays: -7 }, null);
    expect(outcome.ok && outcome.settlement.schedule).toEqual({ endDate: "2026-03-20", days: -7 });
  });

  it("refuses a cost in another currency than the budget is now in", () => {
    expect(changeSettlement({ ...project, currency: "USD" }, change, null)).toEqual({
      ok: false,
      message: "Change request #3 costs EUR, but Apollo's budget is now in USD. Amounts are never converted, so nothing was decided.",
    });
    // A request without a cost has no currency to mismatch.
    expect(changeSettlement({ ...project, currency: "USD" }, { ...change, costImpact: null, currency: null }, null).ok).toBe(true);
  });

  it("refuses a total that would reach the money limit, and an end date out of 1970-2199", () => {
    const full = changeSettlement({ ...project, budgetTotal: MONEY_LIMIT - 1n }, { ...change, costImpact: 1n }, null);
    expect(full.ok).toBe(false);
    expect(!full.ok && full.message).toBe(
      "That would bring Apollo's budget to €10,000,000,000,000.00; Charter keeps every amount and every project's totals below €10,000,000,000,000.00. Nothing was saved.",
    );
    expect(changeSettlement(project, { ...change, scheduleDays: -99_999 }, null)).toEqual({
      ok: false,
      message: "That would move Apollo's end date to 1752-06-12; dates must be from 1970-01-01 to 2199-12-31. Nothing was decided.",
    });
    expect(changeSettlement({ ...project, endDate: "2199-12-01" }, { ...change, scheduleDays: 31 }, null)).toMatchObject({ ok: false });
  });
});
