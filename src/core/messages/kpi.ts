/** How KPI values, targets and trends read in chat. */
import type { Kpi, KpiDirection, Member } from "../store.js";
import { at } from "../commands/shared.js";
import { daysBetween, formatDate } from "../domain/dates.js";

const PREFIX_UNITS = new Set(["$", "€", "£", "¥"]);
const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** 99.2%, 200ms, $5,000, 4.5. */
export function formatValue(value: number, unit: string | null): string {
  if (!unit) return number.format(value);
  if (PREFIX_UNITS.has(unit)) return `${value < 0 ? "-" : ""}${unit}${number.format(Math.abs(value))}`;
  return `${number.format(value)}${unit}`;
}

/** "≥ 99.9%" for higher-is-better, "≤ 200ms" for lower-is-better. */
export const targetText = (k: Pick<Kpi, "target" | "unit" | "direction">): string =>
  `${k.direction === "higher" ? "≥" : "≤"} ${formatValue(k.target, k.unit)}`;

export const onTrack = (k: Pick<Kpi, "target" | "direction">, value: number): boolean =>
  k.direction === "higher" ? value >= k.target : value <= k.target;

/** ↑ ↓ → against the previous reading; "better"/"worse" follows the KPI's direction. */
export function trend(k: Pick<Kpi, "direction">, value: number, previous: number | undefined): { arrow: string; word: string } | null {
  if (previous === undefined) return null;
  if (value === previous) return { arrow: "→", word: "unchanged" };
  const up = value > previous;
  const better = up === (k.direction === "higher");
  return { arrow: up ? "↑" : "↓", word: better ? "better" : "worse" };
}

export const directionText = (d: KpiDirection): string => (d === "higher" ? "higher is better" : "lower is better");

/** A deadline this close (in days) or past is called out in the digest. */
export const DEADLINE_NEAR_DAYS = 14;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "Tue 30 Jun 2026 (in 120 days)", "Mon 2 Mar 2026 (today)", "Fri 27 Feb 2026 (passed 3 days ago)". */
export function deadlineText(deadline: string, today: string): string {
  const days = daysBetween(today, deadline);
  if (Number.isNaN(days)) return deadline;
  const when = days === 0 ? "today" : days > 0 ? `in ${plural(days, "day")}` : `passed ${plural(-days, "day")} ago`;
  return `${formatDate(deadline)} (${when})`;
}

/**
 * What the digest says about a deadline that is near or past, or null while it
 * is further off: "deadline in 5 days (Fri 27 Mar 2026)", "⚠ deadline passed
 * 3 days ago (…) without reaching the target", "deadline passed (…), target met".
 */
export function deadlineNote(k: Pick<Kpi, "deadline">, today: string, good: boolean | null): string | null {
  if (!k.deadline) return null;
  const days = daysBetween(today, k.deadline);
  if (Number.isNaN(days) || days > DEADLINE_NEAR_DAYS) return null;
  const date = formatDate(k.deadline);
  if (days > 0) return `deadline in ${plural(days, "day")} (${date})`;
  if (days === 0) return `deadline today (${date})`;
  if (good) return `deadline passed on ${date}, target met`;
  return `⚠ deadline passed ${plural(-days, "day")} ago (${date})${good === false ? " without reaching the target" : ", no reading yet"}`;
}

/** The SMART fields a KPI still lacks: "a description", "a measure", "a deadline", "an owner". */
export function smartGaps(k: Pick<Kpi, "description" | "measure" | "deadline" | "ownerId">): string[] {
  return [
    k.description ? "" : "a description",
    k.measure ? "" : "a measure",
    k.deadline ? "" : "a deadline",
    k.ownerId ? "" : "an owner",
  ].filter(Boolean);
}

/** The SMART fields of a KPI as label/value pairs; "—" where one is missing. */
export function kpiFacts(
  k: Pick<Kpi, "description" | "measure" | "target" | "unit" | "direction" | "deadline">,
  owner: Pick<Member, "name"> | null,
  today: string,
): [string, string][] {
  return [
    ["Description", k.description ?? "—"],
    ["Measure", k.measure ?? "—"],
    ["Target", `${targetText(k)} (${directionText(k.direction)})`],
    ["Deadline", k.deadline ? deadlineText(k.deadline, today) : "—"],
    ["Owner", at(owner)],
  ];
}
