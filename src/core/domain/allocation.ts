/**
 * Over-allocation: the periods in which one member is booked above 100 %
 * across projects. Dates are inclusive ISO days; a null from/to is open-ended.
 */
import { addDays } from "./dates.js";

export interface AllocationSpan {
  projectId: string;
  memberId: string;
  percent: number;
  fromDate: string | null;
  toDate: string | null;
}

export interface OverAllocation {
  /** First day of the period; null means since forever. */
  from: string | null;
  /** Last day of the period (inclusive); null means open-ended. */
  to: string | null;
  /** Summed percent in the period. */
  total: number;
  /** Projects booked in the period, in input order, without repeats. */
  projectIds: string[];
}

/** Percent sums like 33.3 + 33.3 + 33.4 must not read as over 100 through float noise. */
const EPSILON = 1e-9;

function covers(a: AllocationSpan, start: string | null, end: string | null): boolean {
  const fromOk = a.fromDate === null || (start !== null && a.fromDate <= start);
  const toOk = a.toDate === null || (end !== null && a.toDate >= end);
  return fromOk && toOk;
}

/**
 * Splits the timeline at every allocation boundary, sums each piece and keeps
 * the pieces above 100 %. Neighbouring pieces with the same total and projects
 * are merged. With no dates at all this is one open period: the overall total.
 */
export function overAllocations(allocations: readonly AllocationSpan[], memberId: string): OverAllocation[] {
  const mine = allocations.filter(
    (a) => a.memberId === memberId && Number.isFinite(a.percent) && !(a.fromDate !== null && a.toDate !== null && a.fromDate > a.toDate),
  );

  // ISO dates sort as strings; a period starts at each from date and the day after each to date.
  const cuts = new Set<string>();
  for (const a of mine) {
    if (a.fromDate !== null) cuts.add(a.fromDate);
    if (a.toDate !== null) cuts.add(addDays(a.toDate, 1));
  }
  const points = [...cuts].sort();

  const periods: { start: string | null; end: string | null }[] = [];
  let start: string | null = null;
  for (const p of points) {
    periods.push({ start, end: addDays(p, -1) });
    start = p;
  }
  periods.push({ start, end: null });

  const result: OverAllocation[] = [];
  for (const { start: from, end: to } of periods) {
    const booked = mine.filter((a) => covers(a, from, to));
    const total = Math.round(booked.reduce((sum, a) => sum + a.percent, 0) * 1e6) / 1e6;
    if (total <= 100 + EPSILON) continue;
    const projectIds = [...new Set(booked.map((a) => a.projectId))];
    const last = result[result.length - 1];
    if (
      last &&
      last.to !== null &&
      from !== null &&
      addDays(last.to, 1) === from &&
      last.total === total &&
      last.projectIds.join("\n") === projectIds.join("\n")
    ) {
      last.to = to;
      continue;
    }
    result.push({ from, to, total, projectIds });
  }
  return result;
}
