import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { budgetStatus, contingencyAmount, type BudgetInput } from "../../../src/core/domain/budget.js";

const base: BudgetInput = {
  total: 1_000_000n, // 10,000.00 USD
  contingencyPct: 10,
  lines: [],
  spent: 0n,
  spentByCategory: {},
  startDate: null,
  endDate: null,
  firstCostOn: null,
  today: "2026-03-27",
};

describe("budgetStatus", () => {
  it("worked example: 10,000.00 budget, costs 2,500.00 + 1,200.50", () => {
    const s = budgetStatus({ ...base, spent: 250_000n + 120_050n, spentByCategory: { labour: 250_000n, software: 120_050n } });
    expect(s.spent).toBe(370_050n);
    expect(s.remaining).toBe(629_950n);
    expect(s.percentUsed).toBe(37);
    expect(s.contingency).toBe(100_000n);
    expect(s.alertLevel).toBeNull();
    expect(s.perCategory).toEqual([
      { category: "labour", planned: null, actual: 250_000n, percentUsed: null, over: false },
      { category: "software", planned: null, actual: 120_050n, percentUsed: null, over: false },
    ]);
  });

  it("has no total-based figures without a budget", () => {
    const s = budgetStatus({ ...base, total: null, spent: 500n });
    expect(s).toMatchObject({ total: null, remaining: null, percentUsed: 0, contingency: null, alertLevel: null, forecastVariance: null });
  });

  it("lets remaining go negative when overspent", () => {
    const s = budgetStatus({ ...base, spent: 1_200_000n });
    expect(s.remaining).toBe(-200_000n);
    expect(s.percentUsed).toBe(120);
    expect(s.alertLevel).toBe(100);
  });

  it("raises the highest threshold crossed, comparing exactly", () => {
    const level = (spent: bigint) => budgetStatus({ ...base, spent }).alertLevel;
    expect(level(499_999n)).toBeNull(); // 49.9999 % rounds to 50 but has not crossed it
    expect(budgetStatus({ ...base, spent: 499_999n }).percentUsed).toBe(50);
    expect(level(500_000n)).toBe(50);
    expect(level(799_999n)).toBe(50);
    expect(level(800_000n)).toBe(80);
    expect(level(999_999n)).toBe(80);
    expect(level(1_000_000n)).toBe(100);
    expect(budgetStatus({ ...base, total: 0n, spent: 1n }).alertLevel).toBe(100);
    expect(budgetStatus({ ...base, total: 0n, spent: 0n }).alertLevel).toBeNull();
  });

  it("compares each category with its plan", () => {
    const s = budgetStatus({
      ...base,
      lines: [
        { category: "labour", amount: 600_000n },
        { category: "software", amount: 100_000n },
        { category: "travel", amount: 50_000n },
        { category: "other", amount: 0n },
      ],
      spent: 730_000n,
      spentByCategory: { software: 120_000n, labour: 300_000n, consultants: 10_000n, other: 300_000n },
    });
    expect(s.perCategory).toEqual([
      { category: "labour", planned: 600_000n, actual: 300_000n, percentUsed: 50, over: false },
      { category: "software", planned: 100_000n, actual: 120_000n, percentUsed: 120, over: true },
      { category: "travel", planned: 50_000n, actual: 0n, percentUsed: 0, over: false },
      { category: "consultants", planned: null, actual: 10_000n, percentUsed: null, over: false },
      { category: "other", planned: 0n, actual: 300_000n, percentUsed: null, over: true },
    ]);
  });

  it("adds up repeated lines of one category", () => {
    const s = budgetStatus({
      ...base,
      lines: [
        { category: "travel", amount: 100n },
        { category: "travel", amount: 50n },
      ],
    });
    expect(s.perCategory).toEqual([{ category: "travel", planned: 150n, actual: 0n, percentUsed: 0, over: false }]);
  });

  it("computes contingency exactly, rounding half up", () => {
    expect(contingencyAmount(1_000_000n, 10)).toBe(100_000n);
    expect(contingencyAmount(1_000_000n, 7.5)).toBe(75_000n);
    expect(contingencyAmount(333n, 10)).toBe(33n); // 33.3
    expect(contingencyAmount(335n, 10)).toBe(34n); // 33.5 -> 34
    expect(contingencyAmount(12_345n, 12.345)).toBe(1_524n); // 1523.99...
    expect(contingencyAmount(10n ** 20n, 15)).toBe(15n * 10n ** 18n);
    expect(contingencyAmount(1000n, 0)).toBe(0n);
  });

  describe("burn rate and forecast", () => {
    it("burns spent per week since the start date", () => {
      // 14 days elapsed, 370,050 spent -> 185,025 a week
      const s = budgetStatus({ ...base, spent: 370_050n, startDate: "2026-03-13", endDate: "2026-04-24" });
      expect(s.burnPerWeek).toBe(185_025n);
      // 28 days left: 370,050 + 2 * 370,050 = 1,110,150
      expect(s.forecastAtCompletion).toBe(1_110_150n);
      expect(s.forecastVariance).toBe(-110_150n);
    });

    it("starts the clock at the first cost when there is no start date", () => {
      const s = budgetStatus({ ...base, spent: 70_000n, firstCostOn: "2026-03-20" });
      expect(s.burnPerWeek).toBe(70_000n);
      expect(s.forecastAtCompletion).toBeNull(); // no end date
      expect(s.forecastVariance).toBeNull();
    });

    it("rounds the weekly burn half up and forecasts without compounding it", () => {
      // 3 days elapsed, 100 spent -> 233.33 a week -> 233
      const s = budgetStatus({ ...base, spent: 100n, startDate: "2026-03-24", endDate: "2026-03-31" });
      expect(s.burnPerWeek).toBe(233n);
      // 100 * (3 + 4) / 3 = 233.33 -> 233
      expect(s.forecastAtCompletion).toBe(233n);
    });

    it("needs at least a day of history", () => {
      const s = budgetStatus({ ...base, spent: 100n, startDate: "2026-03-27", endDate: "2026-04-30" });
      expect(s.burnPerWeek).toBeNull();
      expect(s.forecastAtCompletion).toBeNull();
      expect(budgetStatus({ ...base, spent: 100n, startDate: "2026-04-01" }).burnPerWeek).toBeNull();
      expect(budgetStatus({ ...base, spent: 100n }).burnPerWeek).toBeNull();
    });

    it("forecasts what was spent once the end date has passed", () => {
      const s = budgetStatus({ ...base, spent: 900_000n, startDate: "2026-01-01", endDate: "2026-03-01" });
      expect(s.forecastAtCompletion).toBe(900_000n);
      expect(s.forecastVariance).toBe(100_000n);
    });
  });

  it("keeps remaining = total - spent exactly for any amounts", () => {
    const money = fc.bigInt({ min: 0n, max: 10n ** 20n });
    fc.assert(
      fc.property(money, money, fc.integer({ min: 0, max: 100 }), (total, spent, pct) => {
        const s = budgetStatus({ ...base, total, spent, contingencyPct: pct });
        expect(s.remaining).toBe(total - spent);
        expect(s.remaining! + s.spent).toBe(total);
        expect(s.contingency! >= 0n && s.contingency! <= total).toBe(true);
      }),
    );
  });

  it("forecast is at least what was spent and grows with the days left", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (spent, elapsed, left) => {
          const start = new Date(Date.UTC(2026, 2, 27) - elapsed * 86_400_000).toISOString().slice(0, 10);
          const end = new Date(Date.UTC(2026, 2, 27) + left * 86_400_000).toISOString().slice(0, 10);
          const s = budgetStatus({ ...base, spent, startDate: start, endDate: end });
          expect(s.forecastAtCompletion! >= spent).toBe(true);
          if (left === 0) expect(s.forecastAtCompletion).toBe(spent);
        },
      ),
    );
  });
});

describe("baseline and approved changes", () => {
  // Baseline 10,000.00 plus two approved changes (2,000.00 and 500.00): current plan 12,500.00.
  const withChanges: BudgetInput = {
    ...base,
    total: 1_250_000n,
    lines: [{ category: "labour", amount: 800_000n }],
    changes: [
      { number: 3, category: "other", amount: 50_000n },
      { number: 1, category: "labour", amount: 200_000n },
    ],
  };

  it("tells the baseline, the approved changes and the current plan apart", () => {
    const s = budgetStatus({ ...withChanges, spent: 300_000n });
    expect(s).toMatchObject({ total: 1_250_000n, baseline: 1_000_000n, approvedChanges: 250_000n, changeCount: 2, changeNumbers: [1, 3] });
    expect(s).toMatchObject({ remaining: 950_000n, overBaseline: 0n, standing: "within-baseline", percentUsed: 24 });
  });

  it("counts spending beyond the baseline but within the current plan as covered by approved changes", () => {
    const s = budgetStatus({ ...withChanges, spent: 1_100_000n });
    expect(s).toMatchObject({ standing: "within-approved-changes", overBaseline: 100_000n, remaining: 150_000n });
    // Alerts and percent used measure against the current plan, not the baseline.
    expect(s.percentUsed).toBe(88);
    expect(s.alertLevel).toBe(80);
  });

  it("counts spending beyond the current plan as overspending", () => {
    const s = budgetStatus({ ...withChanges, spent: 1_300_000n });
    expect(s).toMatchObject({ standing: "over-plan", overBaseline: 300_000n, remaining: -50_000n, alertLevel: 100 });
    expect(budgetStatus({ ...withChanges, spent: 1_250_000n }).standing).toBe("within-approved-changes");
  });

  it("plans each category with its baseline line plus the changes booked to it", () => {
    const s = budgetStatus({ ...withChanges, spent: 900_000n, spentByCategory: { labour: 900_000n } });
    expect(s.perCategory).toEqual([
      { category: "labour", planned: 1_000_000n, actual: 900_000n, percentUsed: 90, over: false },
      { category: "other", planned: 50_000n, actual: 0n, percentUsed: 0, over: false },
    ]);
  });

  it("without a budget has no baseline or standing; without changes the baseline is the total", () => {
    expect(budgetStatus({ ...base, total: null, spent: 5n })).toMatchObject({
      baseline: null,
      standing: null,
      overBaseline: null,
      approvedChanges: 0n,
    });
    expect(budgetStatus({ ...base, spent: 1_000_001n })).toMatchObject({ baseline: 1_000_000n, changeCount: 0, standing: "over-plan" });
  });

  it("keeps baseline + approved changes = current plan for any amounts", () => {
    const money = fc.bigInt({ min: 0n, max: 10n ** 18n });
    fc.assert(
      fc.property(money, fc.array(money, { maxLength: 5 }), money, (baseline, amounts, spent) => {
        const changes = amounts.map((amount, i) => ({ number: i + 1, category: "other" as const, amount }));
        const total = baseline + amounts.reduce((a, b) => a + b, 0n);
        const s = budgetStatus({ ...base, total, changes, spent });
        expect(s.baseline! + s.approvedChanges).toBe(total);
        expect(s.standing).toBe(spent > total ? "over-plan" : spent > baseline ? "within-approved-changes" : "within-baseline");
      }),
    );
  });
});
