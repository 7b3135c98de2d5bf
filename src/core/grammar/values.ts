/**
 * Parsers for the value words of the command grammar (amounts, dates,
 * estimates, mentions, refs...). They never throw: a rejection carries one
 * short message that quotes the word and shows how to write it, ready for chat.
 */
import { DateTime } from "luxon";
import { DATE_RANGE_TEXT, isDateInRange } from "../domain/dates.js";
import { currencyDigits, MONEY_LIMIT, moneyLimitText } from "../domain/money.js";
import { channelToken, memberToken, plainReferences } from "../views/references.js";
import { echo } from "./echo.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(message: string): Parsed<T> {
  return { ok: false, message };
}

/** The user's word as shown back in a message: quoted, and cut short so a pasted essay stays one line. */
function shown(text: string): string {
  return `"${echo(text)}"`;
}

// ---------------------------------------------------------------- amounts

const AMOUNT_EXAMPLES = "Write it like 2500, 1,200.50 or 1.2k.";
/** sign, symbol, digits (grouped or not), optional fraction, optional k/m; the groups are checked below. */
const AMOUNT_SHAPE = /^([+\-\u2212]?)([$€£¥]?)([\d,]*)(?:\.(\d*))?([km]?)([$€£¥]?)$/i;
const GROUPED = /^\d{1,3}(,\d{3})*$/;

const currencyCodes = new Set(Intl.supportedValuesOf("currency"));

/** A 3-letter ISO 4217 code Intl knows (case-insensitive). */
export function isCurrencyCode(text: string): boolean {
  return /^[A-Za-z]{3}$/.test(text) && currencyCodes.has(text.toUpperCase());
}

export function parseCurrency(text: string): Parsed<string> {
  const t = text.trim();
  if (isCurrencyCode(t)) return ok(t.toUpperCase());
  return fail(`${shown(text)} is not a currency. Write a 3-letter code like USD, EUR or JPY.`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Amount in minor units of `currency`: 2500, 2,500, 1200.50, 1,200.50, 1.2k,
 * 3m (million), +5, $20. Decimal text is turned into a bigint digit by digit,
 * so 1.2k is exactly 120000n cents. Negative amounts are refused for now.
 */
export function parseAmount(text: string, currency: string): Parsed<bigint> {
  const t = text.trim();
  if (!isCurrencyCode(currency)) return fail(`${shown(currency)} is not a currency. Write a 3-letter code like USD, EUR or JPY.`);
  if (t === "") return fail(`An amount is missing. ${AMOUNT_EXAMPLES}`);
  const m = AMOUNT_SHAPE.exec(t);
  const notAmount = `${shown(text)} is not an amount. ${AMOUNT_EXAMPLES}`;
  if (!m) return fail(notAmount);
  const [, sign = "", prefix = "", whole = "", fraction, suffix = "", postfix = ""] = m;
  if (prefix !== "" && postfix !== "") return fail(notAmount);
  if (whole === "" && (fraction === undefined || fraction === "")) return fail(notAmount);
  if (fraction === "") return fail(notAmount); // "12." - a stray point is more likely a typo than a decimal
  if (whole.includes(",") && !GROUPED.test(whole)) {
    return fail(`${shown(text)} has misplaced thousands commas. ${AMOUNT_EXAMPLES}`);
  }
  if (sign === "-" || sign === "\u2212") return fail(`${shown(text)} is negative; amounts must be 0 or more.`);

  const intDigits = whole.replace(/,/g, "");
  const fracDigits = fraction ?? "";
  if (intDigits.length + fracDigits.length > 40) return fail(`${shown(text)} is too large for an amount.`);

  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  const multiplier = suffix === "" ? 0 : suffix.toLowerCase() === "k" ? 3 : 6;
  // value = mantissa * 10^exponent minor units
  const mantissa = BigInt((intDigits + fracDigits).replace(/^0+(?=\d)/, "") || "0");
  const exponent = digits + multiplier - fracDigits.length;
  let minor: bigint;
  if (exponent >= 0) {
    minor = mantissa * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    if (mantissa % divisor !== 0n) {
      return fail(
        digits === 0
          ? `${shown(text)} has decimals, but ${code} amounts are whole numbers.`
          : `${shown(text)} has too many decimals: ${code} allows ${plural(digits, "decimal place")}.`,
      );
    }
    minor = mantissa / divisor;
  }
  if (minor >= MONEY_LIMIT) return fail(`${shown(text)} is too large: amounts must be below ${moneyLimitText(code)}.`);
  return ok(minor);
}

/** Number-shaped words (digits with optional sign, symbol, commas, point, k/m). Malformed ones
 *  still count, so the binder hands them to parseAmount and the user gets its precise message. */
export function looksLikeAmount(text: string): boolean {
  const m = AMOUNT_SHAPE.exec(text.trim());
  return m !== null && /\d/.test(text) && !(m[2] !== "" && m[6] !== "");
}

// ---------------------------------------------------------------- dates

const DATE_EXAMPLES = "Write it like 2026-03-30, today, tomorrow, fri or +3d.";
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET = /^([+-])(\d{1,4})([dwm])$/i;

const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};
const FULL_WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

function isoDay(text: string): DateTime | null {
  if (!ISO_SHAPE.test(text)) return null;
  const dt = DateTime.fromISO(text, { zone: "utc" });
  return dt.isValid ? dt : null;
}

function asIso(dt: DateTime): string | null {
  return dt.isValid && dt.year >= 1000 && dt.year <= 9999 ? dt.toISODate() : null;
}

export interface DateOptions {
  /** ISO date of today in the user's time zone: relative words count from it. */
  today: string;
}

/**
 * ISO "YYYY-MM-DD" from 2026-03-30, today, tomorrow, yesterday, a weekday
 * (mon or monday: the next one, strictly after today), +3d / +2w / +1m or -3d.
 */
export function parseDate(text: string, options: DateOptions): Parsed<string> {
  const t = text.trim().toLowerCase();
  if (t === "") return fail(`A date is missing. ${DATE_EXAMPLES}`);
  if (ISO_SHAPE.test(t)) {
    const iso = isoDay(t);
    if (!iso) return fail(`${shown(text)} is not a real date. ${DATE_EXAMPLES}`);
    return isDateInRange(t) ? ok(t) : fail(`${shown(text)} is out of range: dates must be ${DATE_RANGE_TEXT}.`);
  }
  const today = isoDay(options.today);
  if (!today) return fail(`Today's date is unknown, so ${shown(text)} cannot be worked out. Write the date like 2026-03-30.`);
  let result: DateTime | null = null;
  if (t === "today") result = today;
  else if (t === "tomorrow") result = today.plus({ days: 1 });
  else if (t === "yesterday") result = today.minus({ days: 1 });
  else if (Object.hasOwn(WEEKDAYS, t)) {
    const target = WEEKDAYS[t] ?? 1;
    const ahead = (target - today.weekday + 7) % 7 || 7;
    result = today.plus({ days: ahead });
  } else {
    const m = OFFSET.exec(t);
    if (!m) return fail(`${shown(text)} is not a date. ${DATE_EXAMPLES}`);
    const n = Number(m[2]) * (m[1] === "-" ? -1 : 1);
    const unit = (m[3] ?? "d").toLowerCase();
    result = today.plus(unit === "d" ? { days: n } : unit === "w" ? { weeks: n } : { months: n });
  }
  const iso = asIso(result);
  return iso && isDateInRange(iso) ? ok(iso) : fail(`${shown(text)} is too far away: dates must be ${DATE_RANGE_TEXT}.`);
}

/**
 * Forms that cannot be a word of a title: ISO dates, today/tomorrow/yesterday,
 * +Nd/+Nw and full weekday names. Abbreviations (sun, sat, wed) and +1m
 * (month or minute?) are ordinary words too often, so they count as dates
 * only after a keyword such as `due`.
 */
export function looksLikeDate(text: string): boolean {
  const t = text.trim().toLowerCase();
  return ISO_SHAPE.test(t) || t === "today" || t === "tomorrow" || t === "yesterday" || FULL_WEEKDAYS.has(t) || /^\+\d{1,4}[dw]$/.test(t);
}

// ---------------------------------------------------------------- numbers

/** Hours from 4h, 2d (8-hour working day), 1.5d, 30m or 1w (5 days); also hr/hrs/hours, day(s), min(s). */
export function parseEstimate(text: string): Parsed<number> {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(h|hr|hrs|hour|hours|d|day|days|m|min|mins|minutes?|w|wk|wks|weeks?)$/i.exec(text.trim());
  const examples = "Write it like 4h, 2d, 1.5d or 30m.";
  if (!m) return fail(`${shown(text)} is not an estimate. ${examples}`);
  const n = Number(m[1]);
  const unit = (m[2] ?? "h").toLowerCase();
  const hours = unit.startsWith("h") ? n : unit.startsWith("d") ? n * 8 : unit.startsWith("w") ? n * 40 : n / 60;
  if (!(hours > 0)) return fail(`${shown(text)} is no time at all. ${examples}`);
  if (hours > 100_000) return fail(`${shown(text)} is too long for an estimate. ${examples}`);
  return ok(hours);
}

/** 50% or 50 -> 50 (0..1000, decimals allowed: 12.5%). */
export function parsePercent(text: string): Parsed<number> {
  const t = text.trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*%?$/.exec(t);
  const examples = "Write it like 50% or 12.5%.";
  if (/^[-\u2212]/.test(t)) return fail(`${shown(text)} is negative; a percent must be 0 or more.`);
  if (!m) return fail(`${shown(text)} is not a percent. ${examples}`);
  const n = Number(m[1]);
  if (n > 1000) return fail(`${shown(text)} is too large; a percent can be at most 1000%.`);
  return ok(n);
}

/** Words with a % sign: 50%, 12.5%. */
export function looksLikePercent(text: string): boolean {
  return /^[+-]?(\d+(?:\.\d+)?|\.\d+)%$/.test(text.trim());
}

/** p3 (probability) or i4 (impact) -> 1..5. */
export function parseScale(text: string, letter: "p" | "i"): Parsed<number> {
  const m = /^([pi])([1-5])$/i.exec(text.trim());
  if (m && (m[1] ?? "").toLowerCase() === letter) return ok(Number(m[2]));
  return fail(
    letter === "p"
      ? `${shown(text)} is not a probability. Write p1 (rare) to p5 (almost certain).`
      : `${shown(text)} is not an impact. Write i1 (minor) to i5 (severe).`,
  );
}

/**
 * @bob -> { id: "bob", name: "bob" } (a typed name: the binder looks it up by
 * name or shell user); a member reference, which only an adapter can hand in
 * for a platform mention (Slack's <@U123|bob>, a Teams mention entity) ->
 * { id: "U123", name: "bob" }. Trailing punctuation (@bob,) is dropped.
 * Typed <@U123> is just text: it cannot name anyone.
 */
export function parseMention(text: string): Parsed<{ id: string; name?: string }> {
  const t = text.trim().replace(/(?<=\uE001)[.,;:!?]+$/u, "");
  const member = memberToken(t);
  if (member) return ok(member.name && member.name !== member.id ? { id: member.id, name: member.name } : { id: member.id });
  const plain = /^@([\p{L}\p{N}_][\p{L}\p{N}_.'-]*?)[.,;:!?]*$/u.exec(t);
  if (plain?.[1]) return ok({ id: plain[1], name: plain[1] });
  return fail(`${shown(plainReferences(text))} is not a person. Mention them like @bob.`);
}

/** A channel reference (from a platform's channel link) -> its id; #general or a bare id -> "general". */
export function parseChannel(text: string): Parsed<string> {
  const t = text.trim();
  const id = channelToken(t)?.id ?? t.replace(/^#/, "");
  if (/^[\w.:@-]+$/.test(id)) return ok(id);
  return fail(`${shown(plainReferences(text))} is not a channel. Name it like #general.`);
}

export function looksLikeMention(text: string): boolean {
  return parseMention(text).ok;
}

/** #12 (or a bare 12 where only a reference fits) -> 12. */
export function parseRef(text: string): Parsed<number> {
  const m = /^#?(\d{1,9})$/.exec(text.trim());
  const n = m ? Number(m[1]) : 0;
  if (n >= 1) return ok(n);
  return fail(`${shown(text)} is not a number like #12.`);
}

/** Only the # form: a bare number in a title is just a number. */
export function looksLikeRef(text: string): boolean {
  return /^#\d{1,9}$/.test(text.trim()) && parseRef(text).ok;
}

/**
 * A KPI value with its unit: 95% -> 95 "%", 200ms -> 200 "ms", 4.5 -> null unit,
 * 1,200 -> 1200, $5,000 -> 5000 "$", -3 -> -3. Commas must group thousands.
 */
export function parseNumberWithUnit(text: string): Parsed<{ value: number; unit: string | null }> {
  const t = text.trim();
  const m = /^([+\-\u2212]?)([$€£¥]?)(\d[\d,]*(?:\.\d+)?|\.\d+)\s*([\p{L}%°µ/][\p{L}\p{N}%°µ/²³.-]*)?$/u.exec(t);
  const examples = "Write it like 95%, 200ms, 4.5 or 1,200.";
  if (!m) return fail(`${shown(text)} is not a number. ${examples}`);
  const [, sign = "", symbol = "", num = "", suffix] = m;
  const [whole = "", frac] = num.split(".");
  if (whole.includes(",") && !GROUPED.test(whole)) return fail(`${shown(text)} has misplaced thousands commas. ${examples}`);
  if (symbol !== "" && suffix !== undefined) return fail(`${shown(text)} has two units. ${examples}`);
  const value = Number(`${whole.replace(/,/g, "")}${frac === undefined ? "" : "." + frac}`) * (sign === "" || sign === "+" ? 1 : -1);
  if (!Number.isFinite(value)) return fail(`${shown(text)} is too large. ${examples}`);
  const unit = symbol !== "" ? symbol : (suffix ?? null);
  return ok({ value: Object.is(value, -0) ? 0 : value, unit });
}

/** +5d, 5d, 5, 2w (14) -> whole days; a leading - gives a negative count (a schedule gain). */
export function parseDays(text: string): Parsed<number> {
  const m = /^([+\-\u2212]?)(\d{1,5})\s*(d|days?|w|wks?|weeks?)?$/i.exec(text.trim());
  if (!m) return fail(`${shown(text)} is not a number of days. Write it like +5d, 5d or 2w.`);
  const n = Number(m[2]) * ((m[3] ?? "d").toLowerCase().startsWith("w") ? 7 : 1);
  return ok(m[1] === "" || m[1] === "+" ? n : 0 - n);
}
