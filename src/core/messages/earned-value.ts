/** How earned value reads in `report evm` and in the weekly digest's budget section. */
import { earnedValue, type EarnedValue, type Indicators } from "../domain/earned-value.js";
import type { Budget, CostTotals, Project, Task } from "../store.js";
import { money } from "../commands/shared.js";
import { signedMoney } from "./budget.js";

/** Earned value of a project from what the store returns: its tasks, its plan and its cost totals. */
export function projectEarnedValue(
  project: Pick<Project, "startDate" | "endDate">,
  tasks: readonly Pick<Task, "id" | "parentId" | "status" | "estimateHours">[],
  budget: Pick<Budget, "total">,
  totals: Pick<CostTotals, "total">,
  today: string,
): EarnedValue {
  return earnedValue({
    bac: budget.total,
    startDate: project.startDate,
    endDate: project.endDate,
    statusDate: today,
    tasks,
    actualCost: totals.total,
  });
}

const index = (n: number | null): string => (n === null ? "—" : n.toFixed(2));
const pct = (share: number): string => `${Math.round(share * 100)}%`;
const days = (n: number): string => {
  const text = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(n).replace("-", "−");
  return `${text} ${Math.abs(n) === 1 ? "day" : "days"}`;
};

/** Rows of Measure, Value, What it says; a figure that cannot be computed shows "—". */
export function evmRows(ev: EarnedValue, currency: string): string[][] {
  const f = ev.figures;
  if (!f) return [];
  const m = (v: bigint | null) => (v === null ? "—" : money(v, currency));
  const s = (v: bigint | null) => (v === null ? "—" : signedMoney(v, currency));
  const sign = (v: bigint | null, under: string, over: string, even: string) => (v === null ? "" : v > 0n ? under : v < 0n ? over : even);
  return [
    ["BAC — budget at completion", m(f.bac), "the current plan: baseline plus approved changes"],
    [
      "PV — planned value",
      m(f.pv),
      ev.percentPlanned === null ? "needs start and end dates" : `${pct(ev.percentPlanned)} of the timeline has passed`,
    ],
    [
      "EV — earned value",
      m(f.ev),
      ev.percentComplete === null ? "needs tasks" : `${pct(ev.percentComplete)} of the estimated work is done`,
    ],
    ["AC — actual cost", m(f.ac), "costs logged to date"],
    ["CV = EV − AC", s(f.cv), sign(f.cv, "under budget for the work done", "over budget for the work done", "on budget for the work done")],
    ["SV = EV − PV", s(f.sv), sign(f.sv, "ahead of the plan", "behind the plan", "on plan")],
    ["CPI = EV ÷ AC", index(f.cpi), f.cpi === null ? "" : `each 1.00 spent earned ${index(f.cpi)} of planned work`],
    ["SPI = EV ÷ PV", index(f.spi), f.spi === null ? "" : `progressing at ${pct(f.spi)} of the planned rate`],
    [
      "SV in days (earned schedule)",
      f.svTime === null ? "—" : days(f.svTime),
      f.svTime === null ? "" : f.svTime < 0 ? "behind" : f.svTime > 0 ? "ahead" : "on schedule",
    ],
    ["EAC = BAC ÷ CPI", m(f.eac), f.eac === null ? "" : "forecast total cost if the rest costs what the work so far did"],
    ["ETC = EAC − AC", m(f.etc), f.etc === null ? "" : "still to spend"],
    ["VAC = BAC − EAC", s(f.vac), sign(f.vac, "forecast under budget", "forecast over budget", "forecast on budget")],
    [
      "TCPI = (BAC − EV) ÷ (BAC − AC)",
      index(f.tcpi),
      f.tcpi === null ? "" : `efficiency the remaining work needs to finish within budget${f.tcpi > 1.1 ? " — hard to reach" : ""}`,
    ],
  ];
}

/** "CPI 0.89 · SPI 0.83 · EAC $4,480.00 (VAC −$480.00)": the key figures on one line, or null when none is known. */
export function keyFigures(f: Indicators | null, currency: string): string | null {
  if (!f) return null;
  const parts: string[] = [];
  if (f.cpi !== null) parts.push(`CPI ${index(f.cpi)}`);
  if (f.spi !== null) parts.push(`SPI ${index(f.spi)}`);
  if (f.eac !== null) parts.push(`EAC ${money(f.eac, currency)}${f.vac === null ? "" : ` (VAC ${signedMoney(f.vac, currency)})`}`);
  return parts.length ? parts.join(" · ") : null;
}

/** How the figures were measured, for the line under the table. */
export function evmBasis(ev: EarnedValue): string {
  const unestimated = ev.taskCount - ev.estimatedCount;
  const weights =
    ev.taskCount === 0
      ? ""
      : ev.estimatedCount === 0
        ? " No task has an estimate, so every task counts the same."
        : unestimated > 0
          ? ` ${unestimated} of ${ev.taskCount} tasks have no estimate and count as an average task.`
          : "";
  return `PV follows a straight line from the start date to the end date. EV counts tasks (sub-tasks, not their parents) by estimate: to do 0%, in progress 50%, done 100% (the 50/50 rule).${weights}`;
}
