/**
 * Calendar-date math on ISO "YYYY-MM-DD" strings. A calendar date has no time
 * zone once chosen, so everything after todayIn works on UTC days and is
 * immune to DST.
 */
import { DateTime, IANAZone } from "luxon";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The user's calendar date at `now`. An unknown zone falls back to UTC rather than failing a reply. */
export function todayIn(zone: string, now: DateTime): string {
  const local = isValidZone(zone) ? now.setZone(zone) : now.toUTC();
  return local.toISODate() ?? now.toUTC().toISODate() ?? "1970-01-01";
}

/**
 * True for IANA zone names such as "Europe/Berlin" or "UTC"; false for
 * nothing, "local" or "system" (the server's own zone, which means nothing
 * to the person) and fixed offsets like "UTC+2" (they ignore daylight saving).
 */
export function isValidZone(zone: string | null | undefined): zone is string {
  return !!zone && zone.trim() !== "" && IANAZone.isValidZone(zone);
}

/** Days since 1970-01-01, or NaN for a malformed or impossible date. */
function epochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  // Date silently rolls 02-30 into March; reject instead.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return Number.NaN;
  return Math.floor(date.getTime() / DAY_MS);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is false). */
export function isIsoDate(iso: string): boolean {
  return !Number.isNaN(epochDay(iso));
}

/**
 * The calendar dates Charter accepts, from anyone and anywhere (typed, forms,
 * imported files): years 1970 to 2199. Earlier or later dates are typos
 * (0000-01-01, +9999m), and refusing them keeps date math and every
 * database's date handling far from their edges.
 */
export const EARLIEST_DATE = "1970-01-01";
export const LATEST_DATE = "2199-12-31";
export const DATE_RANGE_TEXT = `from ${EARLIEST_DATE} to ${LATEST_DATE}`;

/** True for a real YYYY-MM-DD date inside EARLIEST_DATE..LATEST_DATE. */
export function isDateInRange(iso: string): boolean {
  return isIsoDate(iso) && iso >= EARLIEST_DATE && iso <= LATEST_DATE;
}

/** Whole days from a to b (b - a); NaN when either is not a valid ISO date. */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** Weeks from a to b as a fraction (10 days -> 1.428...); callers floor or round for display. */
export function weeksBetween(a: string, b: string): number {
  return daysBetween(a, b) / 7;
}

/** The date n days after iso (n may be negative). */
export function addDays(iso: string, n: number): string {
  const dt = DateTime.fromISO(iso, { zone: "utc" }).plus({ days: n });
  return dt.toISODate() ?? iso;
}

/**
 * Short human date, "Fri 27 Mar 2026" in en-GB. Intl puts commas after the
 * weekday in most locales; they are dropped so a date reads well inside a sentence.
 */
export function formatDate(iso: string, locale = "en-GB"): string {
  if (!isIsoDate(iso)) return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  } catch {
    fmt = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  return fmt
    .formatToParts(date)
    .map((p) => (p.type === "literal" ? p.value.replace(/,/g, "") : p.value))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "overdue by 3 days", "due today", "due tomorrow", "due in 2 days". */
export function relativeDue(iso: string, today: string): string {
  const days = daysBetween(today, iso);
  if (Number.isNaN(days)) return `due ${iso}`;
  if (days < 0) return `overdue by ${plural(-days, "day")}`;
  if (days === 0) return "due today";
  if (days === 1) return "due tomorrow";
  return `due in ${plural(days, "day")}`;
}
