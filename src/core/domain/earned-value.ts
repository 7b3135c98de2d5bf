/**
 * Earned value management (EVM) for one project, as of a status date.
 *
 * Formulas (PMBOK Guide, 6th ed., section 7.4.2.2, Table 7-1 "Earned Value
 * Calculations Summary Table"):
 *   CV = EV − AC            SV = EV − PV
 *   CPI = EV / AC           SPI = EV / PV
 *   EAC = BAC / CPI         (the "typical" forecast: the remaining work is done
 *                            at the cost efficiency seen so far; computed as
 *                            BAC × AC / EV so no rounded CPI enters it)
 *   ETC = EAC − AC          VAC = BAC − EAC
 *   TCPI = (BAC − EV) / (BAC − AC)   (the efficiency needed to finish within BAC)
 *
 * Where the inputs come from:
 * - BAC is the current plan (`Budget.total`): the baseline plus the approved
 *   change requests. Approved changes are part of the performance measurement
 *   baseline, so measuring against the original figure would report an
 *   approved scope change as overspending.
 * - AC is every cost logged to date (`costs.totals`).
 * - EV = BAC × percent complete. Percent complete is the estimate-weighted
 *   share of the leaf tasks' work done, each task counted by the 50/50 rule:
 *   to do 0 %, in progress 50 %, done 100 % (a task that has started has
 *   earned half its value; it earns the rest when it is done). Only leaf tasks
 *   count: a parent's work is the work of its sub-tasks, so counting both would
 *   count it twice. A task without an estimate weighs as much as the average
 *   estimated task; when no task has an estimate, every task weighs the same.
 * - PV = BAC × planned percent complete, read from a linear timeline between
 *   the project's start and end dates. Due dates of estimated tasks would give
 *   a finer curve, but they are not a baseline: `task due` moves them with no
 *   trace, and a plan that moves with the work always looks on schedule. The
 *   start and end dates change only through `project` edits and approved change
 *   requests, so the timeline is the more defensible baseline. The status date
 *   counts as a whole day (figures are as of its end), so a 4-day project at
 *   the end of its third day has planned 3/4 of its value.
 * - Schedule variance in days uses earned schedule (W. Lipke, "Schedule is
 *   Different", The Measurable News, March 2003): ES is the time at which the
 *   plan reached today's EV; SV(t) = ES − AT and SPI(t) = ES / AT, with AT the
 *   days elapsed. On a linear plan ES = planned days × EV / BAC, so before the
 *   end date SV(t) equals SV / (BAC / planned days); unlike money-based SV, it
 *   keeps growing when a late project runs past its end date instead of
 *   returning to 0. Forecast duration = planned days / SPI(t).
 *
 * Money stays in bigint minor units; each money figure is rounded once, to
 * the nearest minor unit (halves up). Ratios are plain numbers. A figure that
 * cannot be computed is null and `gaps` says why, so no NaN or Infinity ever
 * reaches a reader.
 */
import type { TaskStatus } from "../store.js";
import { daysBetween, isIsoDate } from "./dates.js";
import { divRoundHalfUp } from "./money.js";

/** Percent complete of a task by its status: the 50/50 rule. */
export const PERCENT_COMPLETE: Record<TaskStatus, number> = { todo: 0, in_progress: 50, done: 100 };

/** The task fields earned value reads. */
export interface EvTask {
  id: string;
  parentId: string | null;
  status: TaskStatus;
  /** Hours; null (or not a positive number) means no estimate. */
  estimateHours: number | null;
}

export interface EarnedValueInput {
  /** Budget at completion: the current plan in minor units; null without a budget. */
  bac: bigint | null;
  startDate: string | null;
  endDate: string | null;
  /** ISO date the figures are as of (usually today), counted as a whole day. */
  statusDate: string;
  tasks: readonly EvTask[];
  /** Costs to date, minor units. */
  actualCost: bigint;
}

/** The indicators from BAC, PV, EV and AC; time in any unit (days for a project). */
export interface IndicatorInput {
  bac: bigint;
  pv: bigint | null;
  ev: bigint | null;
  ac: bigint;
  /** Planned duration and time elapsed at the status date, in the same unit; null without a timeline. */
  plannedDuration: number | null;
  elapsed: number | null;
}

export interface Indicators {
  bac: bigint;
  pv: bigint | null;
  ev: bigint | null;
  ac: bigint;
  cv: bigint | null;
  sv: bigint | null;
  cpi: number | null;
  spi: number | null;
  eac: bigint | null;
  etc: bigint | null;
  vac: bigint | null;
  tcpi: number | null;
  /** Earned schedule: the time at which the plan reached EV. */
  earnedSchedule: number | null;
  /** SV(t) = ES − AT; negative is behind. */
  svTime: number | null;
  /** SPI(t) = ES / AT. */
  spiTime: number | null;
  /** Planned duration / SPI(t). */
  forecastDuration: number | null;
  plannedDuration: number | null;
  elapsed: number | null;
}

export interface EarnedValue {
  /** Null when there is no (positive) budget: nothing else can be measured. */
  figures: Indicators | null;
  /** Share of the work done (0..1); null without tasks. */
  percentComplete: number | null;
  /** Share of the timeline elapsed (0..1, capped at 1); null without dates. */
  percentPlanned: number | null;
  /** Leaf tasks counted, and how many of them carry an estimate. */
  taskCount: number;
  estimatedCount: number;
  /** Why figures are missing: "no costs logged yet", ... */
  gaps: string[];
  /** One line in plain language: "Spending 12% more than planned for the work done; 8 days behind." */
  reading: string;
}

/** Ratio of two bigints as a number (both finite, divisor non-zero). */
const ratio = (a: bigint, b: bigint): number => Number(a) / Number(b);

/** The PMBOK indicators from the four base figures; each is null when its divisor is zero or an input is missing. */
export function indicators(input: IndicatorInput): { figures: Indicators; gaps: string[] } {
  const { bac, pv, ev, ac, plannedDuration, elapsed } = input;
  const gaps: string[] = [];
  const cv = ev === null ? null : ev - ac;
  const sv = ev === null || pv === null ? null : ev - pv;

  let cpi: number | null = null;
  if (ev !== null) {
    if (ac > 0n) cpi = ratio(ev, ac);
    else gaps.push("no costs logged yet, so cost performance is unknown");
  }
  let spi: number | null = null;
  if (ev !== null && pv !== null) {
    if (pv > 0n) spi = ratio(ev, pv);
    else gaps.push("no work was planned by now (the project has not started)");
  }

  // EAC = BAC / CPI = BAC × AC / EV, rounded once.
  let eac: bigint | null = null;
  if (ev !== null && ac > 0n) {
    if (ev > 0n) eac = divRoundHalfUp(bac * ac, ev);
    else gaps.push("nothing is earned yet (no task in progress or done), so there is no forecast");
  }
  const etc = eac === null ? null : eac - ac;
  const vac = eac === null ? null : bac - eac;

  let tcpi: number | null = null;
  if (ev !== null) {
    if (bac - ac > 0n) tcpi = ratio(bac - ev, bac - ac);
    else if (bac - ev > 0n) gaps.push("the budget is already spent, so the remaining work cannot be done within it");
  }

  let earnedSchedule: number | null = null;
  let svTime: number | null = null;
  let spiTime: number | null = null;
  let forecastDuration: number | null = null;
  if (ev !== null && plannedDuration !== null && elapsed !== null && plannedDuration > 0 && bac > 0n) {
    const share = Math.min(1, Math.max(0, ratio(ev, bac)));
    earnedSchedule = plannedDuration * share;
    svTime = earnedSchedule - elapsed;
    if (elapsed > 0) {
      spiTime = earnedSchedule / elapsed;
      if (spiTime > 0) forecastDuration = plannedDuration / spiTime;
    }
  }

  return {
    figures: {
      bac,
      pv,
      ev,
      ac,
      cv,
      sv,
      cpi,
      spi,
      eac,
      etc,
      vac,
      tcpi,
      earnedSchedule,
      svTime,
      spiTime,
      forecastDuration,
      plannedDuration,
      elapsed,
    },
    gaps,
  };
}

/** Estimate in milli-hours, or null when there is no usable estimate. */
function milliHours(hours: number | null): bigint | null {
  if (hours === null || !Number.isFinite(hours) || hours <= 0) return null;
  return BigInt(Math.max(1, Math.round(hours * 1000)));
}

/**
 * Percent complete of the leaf tasks as an exact fraction num/den: weights are
 * estimates (unestimated tasks weigh the average estimate, or all weigh 1 when
 * none is estimated), each times its 50/50 status share.
 */
export function workComplete(tasks: readonly EvTask[]): { num: bigint; den: bigint; taskCount: number; estimatedCount: number } | null {
  const parents = new Set(tasks.map((t) => t.parentId).filter((id): id is string => id !== null));
  const leaves = tasks.filter((t) => !parents.has(t.id));
  if (leaves.length === 0) return null;
  const estimates = leaves.map((t) => milliHours(t.estimateHours));
  const known = estimates.filter((e): e is bigint => e !== null);
  const n = BigInt(known.length);
  const sumKnown = known.reduce((a, b) => a + b, 0n);
  // Scaled by the number of estimated tasks so the average (sumKnown / n) stays an integer.
  const weightOf = (e: bigint | null): bigint => (known.length === 0 ? 1n : e === null ? sumKnown : e * n);
  let num = 0n;
  let den = 0n;
  leaves.forEach((t, i) => {
    const w = weightOf(estimates[i]!);
    num += w * BigInt(PERCENT_COMPLETE[t.status]);
    den += w * 100n;
  });
  return { num, den, taskCount: leaves.length, estimatedCount: known.length };
}

/** Planned duration and days elapsed, both in whole days, the status date included. */
export function timeline(
  startDate: string | null,
  endDate: string | null,
  statusDate: string,
): { plannedDays: number; elapsedDays: number } | string {
  if (!startDate || !endDate) return "the project has no start and end dates, so nothing says how much work was planned by now";
  if (!isIsoDate(startDate) || !isIsoDate(endDate) || !isIsoDate(statusDate)) return "the project's dates are not valid";
  const plannedDays = daysBetween(startDate, endDate) + 1;
  if (plannedDays < 1) return "the project ends before it starts";
  return { plannedDays, elapsedDays: Math.max(0, daysBetween(startDate, statusDate) + 1) };
}

export function earnedValue(input: EarnedValueInput): EarnedValue {
  const work = workComplete(input.tasks);
  const span = timeline(input.startDate, input.endDate, input.statusDate);
  const base = {
    percentComplete: work ? ratio(work.num, work.den) : null,
    percentPlanned: typeof span === "string" ? null : Math.min(1, span.elapsedDays / span.plannedDays),
    taskCount: work?.taskCount ?? 0,
    estimatedCount: work?.estimatedCount ?? 0,
  };
  const { bac } = input;
  if (bac === null || bac <= 0n) {
    const gap = bac === null ? "no budget is set (`budget set <amount>`)" : "the budget is zero";
    return { ...base, figures: null, gaps: [gap], reading: `Not enough data: ${gap}.` };
  }
  const gaps: string[] = [];
  if (!work) gaps.push("there are no tasks yet, so nothing measures the work done (`task add`)");
  if (typeof span === "string") gaps.push(span);
  const ev = work ? divRoundHalfUp(bac * work.num, work.den) : null;
  const pv =
    typeof span === "string" ? null : divRoundHalfUp(bac * BigInt(Math.min(span.elapsedDays, span.plannedDays)), BigInt(span.plannedDays));
  const result = indicators({
    bac,
    pv,
    ev,
    ac: input.actualCost,
    plannedDuration: typeof span === "string" ? null : span.plannedDays,
    elapsed: typeof span === "string" ? null : span.elapsedDays,
  });
  gaps.push(...result.gaps);
  return { ...base, figures: result.figures, gaps, reading: readingOf(result.figures, gaps) };
}

const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** "0.5 days", "1 day", "8 days". */
function daysText(days: number): string {
  const text = oneDecimal.format(days);
  return `${text} ${text === "1" ? "day" : "days"}`;
}

/** "spending 12% more than planned for the work done", or null when CPI is unknown. */
export function costReading(f: Pick<Indicators, "ev" | "ac" | "cpi">): string | null {
  if (f.cpi === null || f.ev === null || f.ev <= 0n) return f.cpi === 0 ? "spending without earning anything yet" : null;
  const over = Math.round((ratio(f.ac, f.ev) - 1) * 100);
  if (over === 0) return "spending as planned for the work done";
  return over > 0 ? `spending ${over}% more than planned for the work done` : `spending ${-over}% less than planned for the work done`;
}

/** "8 days behind", "2 days ahead", "on schedule", or null when SV(t) is unknown. */
export function scheduleReading(f: Pick<Indicators, "svTime">): string | null {
  if (f.svTime === null || !Number.isFinite(f.svTime)) return null;
  const rounded = Math.round(f.svTime * 10) / 10;
  if (rounded === 0) return "on schedule";
  return rounded < 0 ? `${daysText(-rounded)} behind` : `${daysText(rounded)} ahead`;
}

function readingOf(f: Indicators, gaps: string[]): string {
  const cost = costReading(f);
  const schedule = scheduleReading(f);
  const costGap = gaps.find((g) => /cost|tasks|earned/.test(g));
  const scheduleGap = gaps.find((g) => /dates|planned|tasks/.test(g));
  const parts = [
    cost ?? `not enough data for cost performance: ${costGap ?? "no costs logged yet"}`,
    schedule ?? `not enough data for schedule performance: ${scheduleGap ?? "no timeline"}`,
  ];
  const line = parts.join("; ");
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
