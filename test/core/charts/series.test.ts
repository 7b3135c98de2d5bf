import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actualSeries, burnPoints } from "../../../src/core/charts/burn.js";
import { burndownPoints, openPerDay } from "../../../src/core/charts/burndown.js";
import { categoryBars } from "../../../src/core/charts/categories.js";
import { kpiPoints } from "../../../src/core/charts/kpi.js";
import { heatCells } from "../../../src/core/charts/risks.js";
import { addDays } from "../../../src/core/domain/dates.js";
import { TODAY, chartData, project } from "./fixtures.js";

describe("chart data", () => {
  it("burn-up: cumulative actual per day from zero at the start, the straight-line plan, and the forecast from today to EAC", () => {
    const data = chartData();
    const points = burnPoints({ project, budget: data.budget, costs: data.costs, eac: 2_600_000n, today: TODAY });
    const actual = points.filter((p) => p.series === "Actual").map((p) => [p.date, p.amount]);
    expect(actual).toEqual([
      ["2026-01-05", 0],
      ["2026-01-16", 1_500],
      ["2026-01-30", 3_500],
      ["2026-02-02", 4_400],
      ["2026-02-13", 6_900],
      ["2026-02-27", 9_400],
      ["2026-03-04", 10_050],
      ["2026-03-13", 12_800],
      [TODAY, 12_800],
    ]);
    expect(points.filter((p) => p.series === "Planned")).toEqual([
      { date: "2026-01-05", series: "Planned", amount: 0 },
      { date: "2026-05-29", series: "Planned", amount: 20_000 },
    ]);
    expect(points.filter((p) => p.series === "Forecast")).toEqual([
      { date: TODAY, series: "Forecast", amount: 12_800 },
      { date: "2026-05-29", series: "Forecast", amount: 26_000 },
    ]);
  });

  it("burn-up: costs on one day add up, and there is no forecast without EAC or after the end date", () => {
    expect(
      actualSeries(
        [
          { amount: 100n, incurredOn: "2026-02-01" },
          { amount: 250n, incurredOn: "2026-02-01" },
        ],
        null,
      ),
    ).toEqual([{ date: "2026-02-01", minor: 350n }]);
    const data = chartData();
    expect(
      burnPoints({ project, budget: data.budget, costs: data.costs, eac: null, today: TODAY }).some((p) => p.series === "Forecast"),
    ).toBe(false);
    expect(
      burnPoints({ project, budget: data.budget, costs: data.costs, eac: 1n, today: "2026-06-01" }).some((p) => p.series === "Forecast"),
    ).toBe(false);
  });

  it("spend by category: categories with spending or a plan, in the fixed order, in major units", () => {
    const data = chartData();
    expect(categoryBars({ project, totals: data.totals, budget: data.budget })).toEqual([
      { category: "labour", series: "Spent", amount: 11_250 },
      { category: "labour", series: "Budget", amount: 14_000 },
      { category: "software", series: "Spent", amount: 900 },
      { category: "software", series: "Budget", amount: 3_000 },
      { category: "travel", series: "Spent", amount: 650 },
      { category: "travel", series: "Budget", amount: 2_000 },
    ]);
  });

  it("heat map: 25 cells, counts per probability x impact, severity by score", () => {
    const cells = heatCells(chartData().openRisks);
    expect(cells).toHaveLength(25);
    expect(cells.find((c) => c.probability === 4 && c.impact === 5)).toEqual({ probability: 4, impact: 5, count: 2, severity: "critical" });
    expect(cells.find((c) => c.probability === 3 && c.impact === 3)).toMatchObject({ count: 1, severity: "medium" });
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(5);
  });

  it("burndown: open tasks at each day's end, with the ideal from the whole scope to zero on the end date", () => {
    const points = burndownPoints({ project, tasks: chartData().tasks, today: TODAY, zone: "UTC" });
    const open = new Map(points.filter((p) => p.series === "Open").map((p) => [p.date, p.tasks]));
    expect(open.get("2026-01-05")).toBe(3);
    expect(open.get("2026-01-12")).toBe(5);
    expect(open.get("2026-01-20")).toBe(4);
    expect(open.get("2026-02-10")).toBe(5);
    expect(open.get(TODAY)).toBe(4);
    expect(points.filter((p) => p.series === "Ideal")).toEqual([
      { date: "2026-01-05", series: "Ideal", tasks: 8 },
      { date: "2026-05-29", series: "Ideal", tasks: 0 },
    ]);
  });

  it("burndown: a task done just after midnight in Tokyo counts on the Tokyo day", () => {
    const tasks = [{ createdAt: new Date("2026-03-01T00:00:00Z"), completedAt: new Date("2026-03-09T15:30:00Z"), status: "done" as const }];
    expect(openPerDay(tasks, "2026-03-09", "2026-03-10", "UTC")).toEqual([
      { date: "2026-03-09", open: 0 },
      { date: "2026-03-10", open: 0 },
    ]);
    expect(openPerDay(tasks, "2026-03-09", "2026-03-10", "Asia/Tokyo")).toEqual([
      { date: "2026-03-09", open: 1 },
      { date: "2026-03-10", open: 0 },
    ]);
  });

  it("burndown: every day's count equals counting the tasks open at that day's end one by one", () => {
    const day = fc.integer({ min: 0, max: 40 }).map((n) => addDays("2026-01-01", n));
    const taskArb = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })).map(([created, doneAfter]) => ({
      createdAt: new Date(`${created}T10:00:00Z`),
      completedAt: doneAfter === null ? null : new Date(`${addDays(created, doneAfter)}T10:00:00Z`),
      status: doneAfter === null ? ("todo" as const) : ("done" as const),
    }));
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 30 }), day, fc.integer({ min: 0, max: 30 }), (tasks, from, span) => {
        const to = addDays(from, span);
        for (const { date, open } of openPerDay(tasks, from, to, "UTC")) {
          const brute = tasks.filter(
            (t) => t.createdAt.toISOString().slice(0, 10) <= date && !(t.completedAt && t.completedAt.toISOString().slice(0, 10) <= date),
          ).length;
          expect(open).toBe(brute);
        }
      }),
    );
  });

  it("KPI points: oldest first, at the reader's wall-clock time, with the target on every point", () => {
    const [uptime] = chartData().kpis;
    const points = kpiPoints([uptime!], "America/New_York");
    expect(points.map((p) => p.value)).toEqual([99.4, 99.8, 99.7, 99.95]);
    expect(points[0]).toEqual({ kpi: "Uptime (%)", date: "2026-02-26T05:00:00.000Z", value: 99.4, target: 99.9 });
  });
});
