import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { earnedValue, indicators, workComplete, type EvTask } from "../../../src/core/domain/earned-value.js";
import type { TaskStatus } from "../../../src/core/store.js";

let ids = 0;
const task = (status: TaskStatus, estimateHours: number | null = null, parentId: string | null = null, id = `t${++ids}`): EvTask => ({
  id,
  parentId,
  status,
  estimateHours,
});

describe("earned value: worked examples", () => {
  /**
   * Rita Mulcahy, "PMP Exam Prep" (RMC Publications), chapter "Cost
   * Management", earned value exercise "You have a project to build a new
   * fence" (p. 210 in the edition the widely circulated handout cites).
   * Four sides, one day and $1,000 each, built one after the other; at the
   * end of day 3 sides 1 and 2 are done ($1,000 and $1,200 spent), side 3 is
   * 50 % done ($600 spent), side 4 has not started.
   * Book answers: PV 3,000; EV 2,500; AC 2,800; BAC 4,000; CV −300;
   * CPI .893; SV −500; SPI .833; EAC 4,000 / .893 = 4,479; ETC 1,679; VAC −479.
   */
  it("reproduces the fence exercise from Mulcahy's PMP Exam Prep", () => {
    const result = earnedValue({
      bac: 400_000n, // $4,000.00 in cents
      startDate: "2026-01-05", // day 1
      endDate: "2026-01-08", // day 4
      statusDate: "2026-01-07", // the end of day 3
      // One side a day: equal estimates; side 3 half done is "in progress" under the 50/50 rule.
      tasks: [task("done", 8), task("done", 8), task("in_progress", 8), task("todo", 8)],
      actualCost: 280_000n,
    });
    const f = result.figures!;
    expect(f.pv).toBe(300_000n);
    expect(f.ev).toBe(250_000n);
    expect(f.ac).toBe(280_000n);
    expect(f.bac).toBe(400_000n);
    expect(f.cv).toBe(-30_000n);
    expect(f.sv).toBe(-50_000n);
    expect(f.cpi!.toFixed(3)).toBe("0.893");
    expect(f.spi!.toFixed(3)).toBe("0.833");
    // The book divides by CPI rounded to .893 and gets $4,479; BAC × AC / EV without the
    // intermediate rounding is exactly $4,480, and ETC and VAC follow ($1,680, −$480).
    expect(Math.round(4000 / 0.893)).toBe(4479);
    expect(f.eac).toBe(448_000n);
    expect(f.etc).toBe(168_000n);
    expect(f.vac).toBe(-48_000n);
    // TCPI to BAC by the PMBOK formula (the exercise does not ask for it): (4,000 − 2,500) / (4,000 − 2,800).
    expect(f.tcpi).toBe(1.25);
    // Earned schedule: the plan reached $2,500 at day 2.5, three days have passed.
    expect(f.earnedSchedule).toBe(2.5);
    expect(f.svTime).toBe(-0.5);
    expect(result.percentComplete).toBe(0.625);
    expect(result.percentPlanned).toBe(0.75);
    expect(result.reading).toBe("Spending 12% more than planned for the work done; 0.5 days behind.");
    expect(result.gaps).toEqual([]);
  });

  /**
   * Kathy Schwalbe, "Information Technology Project Management" (Cengage),
   * chapter 7 "Project Cost Management", end-of-chapter exercise 1: a
   * one-year project with PV $23,000, EV $20,000, AC $25,000, BAC $120,000.
   * Answers: CV −$5,000; SV −$3,000; CPI 0.8; SPI 0.87; EAC = BAC / CPI =
   * $150,000; time to finish = 12 months / SPI ≈ 13.8 months.
   */
  it("reproduces Schwalbe's one-year project exercise", () => {
    // On a linear plan, PV = $23,000 of $120,000 means 2.3 of the 12 months have passed.
    const { figures: f, gaps } = indicators({
      bac: 12_000_000n,
      pv: 2_300_000n,
      ev: 2_000_000n,
      ac: 2_500_000n,
      plannedDuration: 12,
      elapsed: 2.3,
    });
    expect(f.cv).toBe(-500_000n);
    expect(f.sv).toBe(-300_000n);
    expect(f.cpi).toBe(0.8);
    expect(f.spi!.toFixed(2)).toBe("0.87");
    expect(f.eac).toBe(15_000_000n);
    expect(f.etc).toBe(12_500_000n);
    expect(f.vac).toBe(-3_000_000n);
    expect(f.forecastDuration!.toFixed(1)).toBe("13.8");
    // On a linear plan SPI(t) equals SPI before the end date.
    expect(f.spiTime).toBeCloseTo(f.spi!, 12);
    expect(gaps).toEqual([]);
  });

  /** PMBOK Guide, 6th ed., section 7.4.2.2 and Table 7-1: TCPI = (BAC − EV) / (BAC − AC); 1.0 means "keep going as planned". */
  it("asks for the planned efficiency exactly when the project is on plan", () => {
    const { figures: f } = indicators({ bac: 100_000n, pv: 40_000n, ev: 40_000n, ac: 40_000n, plannedDuration: 10, elapsed: 4 });
    expect([f.cpi, f.spi, f.tcpi, f.eac, f.vac, f.svTime]).toEqual([1, 1, 1, 100_000n, 0n, 0]);
  });
});

describe("earned value: percent complete", () => {
  it("weighs tasks by estimate, unestimated ones as the average, and counts only leaf tasks", () => {
    // 10h done + 30h in progress (15h earned) + an unestimated todo that weighs the average, 20h: 25 / 60.
    const parent = task("in_progress", 100, null, "parent");
    const work = workComplete([parent, task("done", 10, "parent"), task("in_progress", 30, "parent"), task("todo", null)]);
    expect(Number(work!.num) / Number(work!.den)).toBeCloseTo(25 / 60, 12);
    expect([work!.taskCount, work!.estimatedCount]).toEqual([3, 2]);
  });

  it("counts every task the same when none has an estimate", () => {
    const work = workComplete([task("done"), task("todo"), task("in_progress"), task("todo")]);
    expect(Number(work!.num) / Number(work!.den)).toBe(1.5 / 4);
  });

  it("plans the whole budget once the end date has passed and keeps counting days behind", () => {
    const r = earnedValue({
      bac: 1_000n,
      startDate: "2026-01-01",
      endDate: "2026-01-10",
      statusDate: "2026-01-15",
      tasks: [task("done", 1), task("todo", 1)],
      actualCost: 500n,
    });
    expect(r.figures!.pv).toBe(1_000n);
    expect(r.figures!.svTime).toBe(5 - 15);
    expect(r.reading).toBe("Spending as planned for the work done; 10 days behind.");
  });
});

describe("earned value: not enough data", () => {
  const base = {
    bac: 1_000_000n,
    startDate: "2026-01-05",
    endDate: "2026-03-27",
    statusDate: "2026-02-01",
    tasks: [task("done", 4), task("todo", 4)],
    actualCost: 300_000n,
  };

  it("says what is missing instead of computing with it", () => {
    expect(earnedValue({ ...base, bac: null }).reading).toBe("Not enough data: no budget is set (`budget set <amount>`).");
    expect(earnedValue({ ...base, bac: 0n }).reading).toBe("Not enough data: the budget is zero.");

    const noDates = earnedValue({ ...base, startDate: null });
    expect(noDates.figures!.pv).toBeNull();
    expect(noDates.figures!.spi).toBeNull();
    expect(noDates.figures!.cpi).not.toBeNull();
    expect(noDates.reading).toMatch(/; not enough data for schedule performance: the project has no start and end dates/);

    const noCosts = earnedValue({ ...base, actualCost: 0n });
    expect(noCosts.figures!.cpi).toBeNull();
    expect(noCosts.figures!.eac).toBeNull();
    expect(noCosts.reading).toMatch(/^Not enough data for cost performance: no costs logged yet/);

    const noTasks = earnedValue({ ...base, tasks: [] });
    expect(noTasks.figures!.ev).toBeNull();
    expect(noTasks.reading).toContain("there are no tasks yet");

    const nothingDone = earnedValue({ ...base, tasks: [task("todo", 4)] });
    expect(nothingDone.figures!.eac).toBeNull();
    expect(nothingDone.gaps).toContain("nothing is earned yet (no task in progress or done), so there is no forecast");

    const spent = earnedValue({ ...base, actualCost: 2_000_000n });
    expect(spent.figures!.tcpi).toBeNull();
    expect(spent.gaps).toContain("the budget is already spent, so the remaining work cannot be done within it");

    const early = earnedValue({ ...base, statusDate: "2025-12-01", tasks: [task("todo", 4)], actualCost: 0n });
    expect(early.figures!.pv).toBe(0n);
    expect(early.figures!.spi).toBeNull();
  });
});

describe("earned value: properties", () => {
  const statuses = fc.constantFrom<TaskStatus>("todo", "in_progress", "done");
  const tasks = fc.array(
    fc.record({ status: statuses, estimateHours: fc.option(fc.double({ min: -5, max: 500, noNaN: true }), { nil: null }) }),
    { maxLength: 30 },
  );
  const date = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
  const input = fc.record({
    bac: fc.option(fc.bigInt({ min: -10n, max: 10n ** 12n }), { nil: null }),
    startDate: fc.option(date, { nil: null }),
    endDate: fc.option(date, { nil: null }),
    statusDate: date,
    tasks,
    actualCost: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  });

  it("keeps CV = EV − AC, SV = EV − PV, CPI·AC = EV, ETC = EAC − AC and never lets NaN or Infinity reach the text", () => {
    fc.assert(
      fc.property(input, (raw) => {
        const r = earnedValue({ ...raw, tasks: raw.tasks.map((t) => task(t.status, t.estimateHours)) });
        expect(r.reading).not.toMatch(/NaN|Infinity|undefined|null/);
        expect(r.reading).toMatch(/^[A-Z].*\.$/);
        const f = r.figures;
        if (!f) return;
        for (const n of [f.cpi, f.spi, f.tcpi, f.earnedSchedule, f.svTime, f.spiTime, f.forecastDuration]) {
          if (n !== null) expect(Number.isFinite(n)).toBe(true);
        }
        if (f.ev !== null) {
          expect(f.cv).toBe(f.ev - f.ac);
          expect(f.ev >= 0n && f.ev <= f.bac).toBe(true);
        }
        if (f.ev !== null && f.pv !== null) expect(f.sv).toBe(f.ev - f.pv);
        if (f.cpi !== null) expect(Math.abs(f.cpi * Number(f.ac) - Number(f.ev))).toBeLessThanOrEqual(1e-9 * Math.max(1, Number(f.ev)));
        if (f.eac !== null) {
          expect(f.etc).toBe(f.eac - f.ac);
          expect(f.vac).toBe(f.bac - f.eac);
        }
      }),
    );
  });
});
