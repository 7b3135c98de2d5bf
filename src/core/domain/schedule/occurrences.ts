/**
 * When a weekly local-time schedule fires, as UTC instants. All math is done
 * in the schedule's IANA zone with luxon, one occurrence per local date, so a
 * daylight-saving change moves the UTC instant but never the local hour, and
 * never duplicates or drops a day.
 */
import { DateTime } from "luxon";
import { WEEKDAYS, type Weekday } from "../../store.js";

export { WEEKDAYS, type Weekday };

export interface WeeklyRule {
  days: readonly Weekday[];
  /** Local wall-clock time "HH:mm". */
  time: string;
  /** IANA zone the time is read in. */
  timeZone: string;
  /** Local dates ("YYYY-MM-DD") without an occurrence. */
  holidays?: readonly string[];
  /** No occurrence on local dates up to and including this one. */
  skipUntil?: string | null;
}

export interface Occurrence {
  /** The instant, in UTC. */
  at: DateTime;
  /** The local calendar date it belongs to: the natural slot key. */
  localDate: string;
}

export function parseTime(time: string): { hour: number; minute: number } | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** The occurrence on one local date, or null when the rule skips that date. */
export function occurrenceOn(rule: WeeklyRule, localDate: string): Occurrence | null {
  const time = parseTime(rule.time);
  const day = DateTime.fromISO(localDate, { zone: rule.timeZone });
  if (!time || !day.isValid) return null;
  if (!rule.days.includes(WEEKDAYS[day.weekday - 1]!)) return null;
  if (rule.holidays?.includes(localDate)) return null;
  if (rule.skipUntil && localDate <= rule.skipUntil) return null;
  // A wall time that does not exist (spring forward) is moved forward by luxon;
  // an ambiguous one (fall back) resolves to its first instance. Either way: once.
  const at = day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  return { at: at.toUTC(), localDate };
}

/** Occurrences with from < at <= to, oldest first. */
export function occurrencesBetween(rule: WeeklyRule, from: DateTime, to: DateTime): Occurrence[] {
  if (!DateTime.local().setZone(rule.timeZone).isValid || to <= from) return [];
  const out: Occurrence[] = [];
  // One local day of margin either side: the zone's offset can put an
  // occurrence of the neighbouring local date inside the UTC window.
  let day = from.setZone(rule.timeZone).startOf("day").minus({ days: 1 });
  const last = to.setZone(rule.timeZone).startOf("day").plus({ days: 1 });
  while (day <= last) {
    const occurrence = occurrenceOn(rule, day.toISODate()!);
    if (occurrence && occurrence.at > from && occurrence.at <= to) out.push(occurrence);
    day = day.plus({ days: 1 });
  }
  return out;
}

/** "mon-fri", "mon,wed,fri", "weekdays", "daily" -> weekdays in week order; null when unreadable. */
export function parseDays(text: string): Weekday[] | null {
  const spec = text.trim().toLowerCase();
  if (spec === "weekdays") return [...WEEKDAYS.slice(0, 5)];
  if (spec === "daily" || spec === "everyday") return [...WEEKDAYS];
  const picked = new Set<Weekday>();
  for (const part of spec.split(",").filter(Boolean)) {
    const [a, b] = part.split("-").map((d) => WEEKDAYS.indexOf(d.slice(0, 3) as Weekday));
    if (a === undefined || a < 0 || (b !== undefined && b < 0) || part.split("-").length > 2) return null;
    const end = b ?? a;
    // Ranges may wrap the week: fri-mon.
    for (let i = a; ; i = (i + 1) % 7) {
      picked.add(WEEKDAYS[i]!);
      if (i === end) break;
    }
  }
  return picked.size ? WEEKDAYS.filter((d) => picked.has(d)) : null;
}

export function formatDays(days: readonly Weekday[]): string {
  const idx = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const contiguous = idx.length > 2 && idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  return contiguous ? `${WEEKDAYS[idx[0]!]}-${WEEKDAYS[idx[idx.length - 1]!]}` : idx.map((i) => WEEKDAYS[i]).join(",");
}
