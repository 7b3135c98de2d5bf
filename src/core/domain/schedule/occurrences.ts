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
  const time = remember(times, rule.time, () => parseTime(rule.time));
  if (!time) return null;
  const weekday = remember(weekdays, localDate, () => weekdayOf(localDate));
  if (weekday === null || !rule.days.includes(weekday)) return null;
  if (rule.holidays?.includes(localDate)) return null;
  if (rule.skipUntil && localDate <= rule.skipUntil) return null;
  const at = instantOf(rule.timeZone, localDate, time.hour, time.minute);
  return at ? { at, localDate } : null;
}

/** Occurrences with from < at <= to, oldest first. */
export function occurrencesBetween(rule: WeeklyRule, from: DateTime, to: DateTime): Occurrence[] {
  if (to <= from) return [];
  const out: Occurrence[] = [];
  for (const date of localDatesAround(rule.timeZone, from, to)) {
    const occurrence = occurrenceOn(rule, date);
    if (occurrence && occurrence.at > from && occurrence.at <= to) out.push(occurrence);
  }
  return out;
}

/*
 * The scheduler asks these questions for every schedule and participant each
 * minute, and most share a zone, a date and a time: zone conversions in luxon
 * are costly (an Intl formatting per offset), so their answers are kept. Both
 * maps are bounded by clearing, which only costs recomputing.
 */
const MEMO_LIMIT = 50_000;
const instants = new Map<string, DateTime | null>();
const weekdays = new Map<string, Weekday | null>();
const times = new Map<string, { hour: number; minute: number } | null>();
const dateRanges = new Map<string, readonly string[]>();

function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known as T;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/** The weekday of a "YYYY-MM-DD" date (a calendar fact, the same in every zone), or null when it is not one. */
function weekdayOf(localDate: string): Weekday | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) return null;
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(date.getUTCDay() + 6) % 7]!;
}

/** A local wall time on a local date in a zone, as a UTC instant; null for an unknown zone. */
function instantOf(zone: string, localDate: string, hour: number, minute: number): DateTime | null {
  return remember(instants, `${zone}|${localDate}|${hour}:${minute}`, () => {
    const day = DateTime.fromISO(localDate, { zone });
    if (!day.isValid) return null;
    // A wall time that does not exist (spring forward) is moved forward by luxon;
    // an ambiguous one (fall back) resolves to its first instance. Either way: once.
    return day.set({ hour, minute, second: 0, millisecond: 0 }).toUTC();
  });
}

/**
 * The zone's local dates that can hold an instant in (from, to], with one day
 * of margin either side: the zone's offset can put an occurrence of the
 * neighbouring local date inside the UTC window. Empty for an unknown zone.
 */
function localDatesAround(zone: string, from: DateTime, to: DateTime): readonly string[] {
  return remember(dateRanges, `${zone}|${from.toMillis()}|${to.toMillis()}`, () => {
    const start = from.setZone(zone);
    if (!start.isValid) return [];
    const dates: string[] = [];
    const last = to.setZone(zone).startOf("day").plus({ days: 1 });
    for (let day = start.startOf("day").minus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) dates.push(day.toISODate()!);
    return dates;
  });
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
