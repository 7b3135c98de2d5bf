/**
 * Money is integer minor units (bigint) of one ISO 4217 currency. Nothing here
 * goes through floating point, so sums and formatting stay exact at any size.
 */

const digitsCache = new Map<string, number>();

/**
 * Decimal places of a currency's minor unit (USD 2, JPY 0, KWD 3), as Intl
 * knows them. A malformed code falls back to 2 so callers never throw on it;
 * validate codes with isCurrencyCode from grammar/values.ts first.
 */
export function currencyDigits(code: string): number {
  const key = code.toUpperCase();
  const cached = digitsCache.get(key);
  if (cached !== undefined) return cached;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency: key }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // RangeError for a malformed code: keep the default.
  }
  digitsCache.set(key, digits);
  return digits;
}

/** "370050" cents -> "3700.50": the exact decimal string Intl can format without rounding. */
export function minorToDecimal(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? "." + (abs % scale).toString().padStart(digits, "0") : "";
  return (negative ? "-" : "") + whole + fraction;
}

function format(minor: bigint, currency: string, locale: string, style: "currency" | "decimal"): string {
  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  // Intl formats decimal strings exactly (NumberFormat v3), so bigints beyond 2^53 keep every digit.
  const decimal = minorToDecimal(minor, digits) as `${number}`;
  const options: Intl.NumberFormatOptions = { style, minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (style === "currency") options.currency = code;
  try {
    return new Intl.NumberFormat(locale, options).format(decimal);
  } catch {
    // Unknown locale or currency: a plain, still exact rendering.
    return style === "currency" ? `${decimal} ${code}` : decimal;
  }
}

/** "$3,700.50" (locale-aware symbol, grouping and decimals). */
export function formatMoney(minor: bigint, currency: string, locale = "en-US"): string {
  return format(minor, currency, locale, "currency");
}

/** "3,700.50": as formatMoney, without the currency symbol. */
export function formatAmount(minor: bigint, currency: string, locale = "en-US"): string {
  return format(minor, currency, locale, "decimal");
}

/** part / whole as a number for progress bars; 0 when whole is 0. */
export function ratio(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number(part) / Number(whole);
}

/** Floor division for signed bigints (bigint `/` truncates toward zero). */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

/**
 * n / d rounded to the nearest integer, exact halves toward +infinity
 * (2.5 -> 3, -2.5 -> -2). d must not be 0.
 */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return floorDiv(2n * n + d, 2n * d);
}

/** Integer percent of part in whole, rounded half up (370050 of 1000000 -> 37); 0 when whole is 0. */
export function percent(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number(divRoundHalfUp(part * 100n, whole));
}

export function sumMoney(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/**
 * Every amount Charter keeps, and every sum of them (a project's costs, its
 * budget and budget lines, change-request cost impacts), stays below this
 * many minor units. 10^15 is below 2^53, so converting to Number for ratios
 * and charts stays exact, and far below 2^63, so no database sum of a
 * project's amounts can overflow a 64-bit integer.
 */
export const MONEY_LIMIT = 10n ** 15n;

/** True when `minor` (an amount or a sum) is inside the limit, in either direction. */
export function withinMoneyLimit(minor: bigint): boolean {
  return minor < MONEY_LIMIT && minor > -MONEY_LIMIT;
}

/** "$10,000,000,000,000.00": the limit written in `currency`, for messages. */
export function moneyLimitText(currency: string): string {
  return formatMoney(MONEY_LIMIT, currency);
}

/** The refusal of a sum that would reach the limit: `what` is the sum, e.g. "Website's costs". */
export function overMoneyLimitMessage(what: string, total: bigint, currency: string): string {
  return `That would bring ${what} to ${formatMoney(total, currency)}; Charter keeps every amount and every project's totals below ${moneyLimitText(currency)}. Nothing was saved.`;
}
