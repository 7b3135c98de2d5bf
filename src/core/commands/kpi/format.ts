/** How KPI values, targets and trends read in chat. */
import type { Kpi, KpiDirection } from "../../store.js";

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
