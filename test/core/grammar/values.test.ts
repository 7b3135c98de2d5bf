import { withoutReserved } from "../../../src/core/views/references.js";
import { channelOf, mentionOf } from "../../support/references.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, MONEY_LIMIT } from "../../../src/core/domain/money.js";
import {
  isCurrencyCode,
  looksLikeAmount,
  looksLikeDate,
  looksLikeMention,
  looksLikePercent,
  looksLikeRef,
  parseAmount,
  parseCurrency,
  parseDate,
  parseDays,
  parseEstimate,
  parseMention,
  parseNumberWithUnit,
  parsePercent,
  parseRef,
  parseScale,
  type Parsed,
} from "../../../src/core/grammar/values.js";

function value<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`expected ok, got: ${p.message}`);
  return p.value;
}
function message<T>(p: Parsed<T>): string {
  if (p.ok) throw new Error(`expected a rejection, got ${String(p.value)}`);
  return p.message;
}

describe("parseAmount", () => {
  it.each([
    ["2500", "USD", 250000n],
    ["2,500", "USD", 250000n],
    ["1200.50", "USD", 120050n],
    ["1,200.50", "USD", 120050n],
    ["1,234,567.89", "USD", 123456789n],
    ["1.2k", "USD", 120000n],
    ["1.2K", "USD", 120000n],
    ["0.5k", "USD", 50000n],
    ["3m", "USD", 300000000n],
    ["1.25M", "USD", 125000000n],
    ["+5", "USD", 500n],
    ["$20", "USD", 2000n],
    ["€20.10", "EUR", 2010n],
    ["£7", "GBP", 700n],
    ["20€", "EUR", 2000n],
    [".5", "USD", 50n],
    ["0", "USD", 0n],
    ["007", "USD", 700n],
    ["1200.500", "USD", 120050n],
    ["2500", "JPY", 2500n],
    ["1.5k", "JPY", 1500n],
    ["1.234", "KWD", 1234n],
    ["2", "KWD", 2000n],
    ["1.2345k", "USD", 123450n],
    ["2500", "usd", 250000n],
    [" 2500 ", "USD", 250000n],
  ])("%s %s -> %s", (text, cur, expected) => {
    expect(value(parseAmount(text, cur))).toBe(expected);
  });

  it("names the expected shape for a non-amount", () => {
    expect(message(parseAmount("abc", "USD"))).toBe('"abc" is not an amount. Write it like 2500, 1,200.50 or 1.2k.');
    expect(message(parseAmount("", "USD"))).toMatch(/missing/);
    for (const bad of ["12.", "k", "$", "1e5", "1..2", "1.2.3", "$5€", "2500USD", "five", "1 200", "0x10"]) {
      expect(parseAmount(bad, "USD").ok, bad).toBe(false);
    }
  });

  it("rejects malformed thousands groupings", () => {
    for (const bad of ["1,20,0", "1,2345", ",500", "1,", "12,34.5", "1,,000"]) {
      expect(message(parseAmount(bad, "USD")), bad).toMatch(/thousands commas/);
    }
  });

  it("rejects negatives for now", () => {
    expect(message(parseAmount("-5", "USD"))).toMatch(/negative/);
    expect(message(parseAmount("\u22125", "USD"))).toMatch(/negative/);
    expect(parseAmount("-$5", "USD").ok).toBe(false);
  });

  it("rejects more decimals than the currency has", () => {
    expect(message(parseAmount("1.234", "USD"))).toBe('"1.234" has too many decimals: USD allows 2 decimal places.');
    expect(message(parseAmount("1.5", "JPY"))).toMatch(/JPY amounts are whole numbers/);
    expect(message(parseAmount("1.2345", "KWD"))).toMatch(/KWD allows 3 decimal places/);
    expect(message(parseAmount("1.234567k", "USD"))).toMatch(/too many decimals/);
  });

  it("refuses amounts that reach the money limit of 10^15 minor units, naming it in the currency", () => {
    expect(value(parseAmount("9,999,999,999,999.99", "USD"))).toBe(MONEY_LIMIT - 1n);
    expect(message(parseAmount("10,000,000,000,000", "USD"))).toBe(
      '"10,000,000,000,000" is too large: amounts must be below $10,000,000,000,000.00.',
    );
    expect(message(parseAmount("1,000,000,000,000,000", "USD"))).toMatch(/too large/);
    expect(value(parseAmount("999,999,999,999,999", "JPY"))).toBe(MONEY_LIMIT - 1n);
    expect(message(parseAmount("1000000000m", "JPY"))).toMatch(/below ¥1,000,000,000,000,000/);
    expect(message(parseAmount("10000000m", "USD"))).toMatch(/too large/);
    expect(message(parseAmount("9".repeat(60), "USD"))).toMatch(/too large/);
  });

  it("rejects an unknown currency", () => {
    expect(message(parseAmount("5", "XYZ"))).toMatch(/not a currency/);
    expect(message(parseAmount("5", "dollars"))).toMatch(/not a currency/);
  });

  it("quotes long input cut short", () => {
    const m = message(parseAmount("x".repeat(500), "USD"));
    expect(m.length).toBeLessThan(120);
    expect(m).toContain("…");
  });

  it("never throws, and every rejection has a message", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("USD", "JPY", "KWD", "EUR", "XXX", "bad"), (s, cur) => {
        const r = parseAmount(s, cur);
        if (!r.ok) expect(r.message.trim().length).toBeGreaterThan(0);
        else expect(r.value >= 0n).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("1", "0", ",", ".", "k", "m", "+", "-", "$", " ") }), (s) => {
        const r = parseAmount(s, "USD");
        if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it("parses back what formatAmount writes", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MONEY_LIMIT - 1n }), fc.constantFrom("USD", "JPY", "KWD"), (units, cur) => {
        const digits = cur === "USD" ? 2n : cur === "JPY" ? 0n : 3n;
        for (const minor of [units, units / 10n ** digits]) {
          expect(value(parseAmount(formatAmount(minor, cur, "en-US"), cur))).toBe(minor);
        }
      }),
    );
  });
});

describe("looksLikeAmount", () => {
  it("recognises number-shaped words, including malformed ones parseAmount explains", () => {
    for (const yes of ["2500", "2,500", "1.2k", "3m", "$20", "+5", "-5", "1,20,0", ".5"]) expect(looksLikeAmount(yes), yes).toBe(true);
    for (const no of ["abc", "k", "$", "@bob", "#12", "50%", "+3d", "2026-03-30", "p3", "4h", "", "1e5"])
      expect(looksLikeAmount(no), no).toBe(false);
  });
});

describe("currencies", () => {
  it("knows ISO codes case-insensitively", () => {
    expect(isCurrencyCode("USD")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(true);
    expect(isCurrencyCode("XYZ")).toBe(false);
    expect(isCurrencyCode("US")).toBe(false);
    expect(isCurrencyCode("USDX")).toBe(false);
    expect(value(parseCurrency("jpy"))).toBe("JPY");
    expect(message(parseCurrency("dollars"))).toBe('"dollars" is not a currency. Write a 3-letter code like USD, EUR or JPY.');
  });
});

describe("parseDate", () => {
  const today = "2026-03-27"; // a Friday
  const d = (text: string) => value(parseDate(text, { today }));

  it("accepts valid ISO dates and rejects impossible ones", () => {
    expect(d("2026-03-30")).toBe("2026-03-30");
    expect(d("2028-02-29")).toBe("2028-02-29");
    expect(message(parseDate("2026-02-30", { today }))).toMatch(/not a real date/);
    expect(parseDate("2026-13-01", { today }).ok).toBe(false);
    expect(parseDate("2027-02-29", { today }).ok).toBe(false);
    expect(parseDate("2026-3-30", { today }).ok).toBe(false);
  });

  it("knows today, tomorrow and yesterday in any case", () => {
    expect(d("today")).toBe("2026-03-27");
    expect(d("Tomorrow")).toBe("2026-03-28");
    expect(d("yesterday")).toBe("2026-03-26");
  });

  it("takes weekdays as the next such day, strictly after today", () => {
    expect(d("fri")).toBe("2026-04-03");
    expect(d("friday")).toBe("2026-04-03");
    expect(d("sat")).toBe("2026-03-28");
    expect(d("Monday")).toBe("2026-03-30");
    expect(d("thu")).toBe("2026-04-02");
    expect(d("sun")).toBe("2026-03-29");
    expect(d("tues")).toBe("2026-03-31");
  });

  it("adds and subtracts days, weeks and months", () => {
    expect(d("+3d")).toBe("2026-03-30");
    expect(d("+2w")).toBe("2026-04-10");
    expect(d("+1m")).toBe("2026-04-27");
    expect(d("-3d")).toBe("2026-03-24");
    expect(d("+0d")).toBe("2026-03-27");
    expect(value(parseDate("+1m", { today: "2026-01-31" }))).toBe("2026-02-28");
    expect(value(parseDate("+1d", { today: "2026-12-31" }))).toBe("2027-01-01");
  });

  it("refuses dates outside 1970-01-01 to 2199-12-31, whether written or counted", () => {
    expect(d("1970-01-01")).toBe("1970-01-01");
    expect(d("2199-12-31")).toBe("2199-12-31");
    expect(message(parseDate("0000-01-01", { today }))).toBe('"0000-01-01" is out of range: dates must be from 1970-01-01 to 2199-12-31.');
    expect(message(parseDate("9999-12-31", { today }))).toMatch(/out of range: dates must be from 1970-01-01 to 2199-12-31/);
    expect(message(parseDate("1969-12-31", { today }))).toMatch(/out of range/);
    expect(message(parseDate("2200-01-01", { today }))).toMatch(/out of range/);
    expect(message(parseDate("+9999m", { today }))).toMatch(/too far away: dates must be from 1970-01-01 to 2199-12-31/);
    expect(message(parseDate("-9999w", { today }))).toMatch(/from 1970-01-01 to 2199-12-31/);
    expect(parseDate("+99999d", { today }).ok).toBe(false);
  });

  it("says how to write a date", () => {
    expect(message(parseDate("someday", { today }))).toBe(
      '"someday" is not a date. Write it like 2026-03-30, today, tomorrow, fri or +3d.',
    );
    expect(parseDate("", { today }).ok).toBe(false);
    expect(parseDate("+3x", { today }).ok).toBe(false);
    expect(parseDate("constructor", { today }).ok).toBe(false);
    expect(parseDate("toString", { today }).ok).toBe(false);
    expect(message(parseDate("tomorrow", { today: "garbage" }))).toMatch(/unknown/);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.constant(today), fc.string()), (s, t) => {
        const r = parseDate(s, { today: t });
        if (r.ok) expect(r.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.constantFrom("d", "w", "m"), fc.constantFrom("+", "-"), (n, u, sign) => {
        const r = parseDate(`${sign}${n}${u}`, { today });
        if (r.ok) expect(r.value >= "1970-01-01" && r.value <= "2199-12-31").toBe(true);
      }),
    );
  });
});

describe("looksLikeDate", () => {
  it("recognises only unambiguous forms", () => {
    for (const yes of ["2026-03-30", "2026-02-30", "today", "Tomorrow", "yesterday", "+3d", "+2w", "friday", "Monday"]) {
      expect(looksLikeDate(yes), yes).toBe(true);
    }
    for (const no of ["fri", "sun", "sat", "wed", "+1m", "-3d", "3d", "login", "2026", "#12", "@bob"])
      expect(looksLikeDate(no), no).toBe(false);
  });
});

describe("parseEstimate", () => {
  it.each([
    ["4h", 4],
    ["2d", 16],
    ["1.5d", 12],
    ["30m", 0.5],
    ["90min", 1.5],
    ["1w", 40],
    ["2 hours", 2],
    ["0.5H", 0.5],
  ])("%s -> %s hours", (text, hours) => {
    expect(value(parseEstimate(text))).toBe(hours);
  });
  it("rejects the rest", () => {
    expect(message(parseEstimate("soon"))).toBe('"soon" is not an estimate. Write it like 4h, 2d, 1.5d or 30m.');
    for (const bad of ["4", "h", "-2h", "0h", "2x", "1e3h", "999999h"]) expect(parseEstimate(bad).ok, bad).toBe(false);
  });
});

describe("parsePercent", () => {
  it("accepts 0..1000 with or without %", () => {
    expect(value(parsePercent("50%"))).toBe(50);
    expect(value(parsePercent("50"))).toBe(50);
    expect(value(parsePercent("12.5%"))).toBe(12.5);
    expect(value(parsePercent("0%"))).toBe(0);
    expect(value(parsePercent("1000%"))).toBe(1000);
  });
  it("rejects bad ones with a reason", () => {
    expect(message(parsePercent("half"))).toBe('"half" is not a percent. Write it like 50% or 12.5%.');
    expect(message(parsePercent("-5%"))).toMatch(/negative/);
    expect(message(parsePercent("1001%"))).toMatch(/at most 1000%/);
    expect(parsePercent("%").ok).toBe(false);
    expect(parsePercent("5%%").ok).toBe(false);
  });
  it("recognises words with a % sign", () => {
    expect(looksLikePercent("50%")).toBe(true);
    expect(looksLikePercent("12.5%")).toBe(true);
    expect(looksLikePercent("50")).toBe(false);
    expect(looksLikePercent("%")).toBe(false);
  });
});

describe("parseScale", () => {
  it("reads p1..p5 and i1..i5", () => {
    expect(value(parseScale("p3", "p"))).toBe(3);
    expect(value(parseScale("I4", "i"))).toBe(4);
    expect(message(parseScale("p7", "p"))).toBe('"p7" is not a probability. Write p1 (rare) to p5 (almost certain).');
    expect(message(parseScale("p3", "i"))).toMatch(/not an impact/);
    expect(parseScale("p0", "p").ok).toBe(false);
    expect(parseScale("3", "p").ok).toBe(false);
  });
});

describe("parseMention", () => {
  it("reads typed names and the member references adapters make of platform mentions", () => {
    expect(value(parseMention("@bob"))).toEqual({ id: "bob", name: "bob" });
    expect(value(parseMention("@bob.smith,"))).toEqual({ id: "bob.smith", name: "bob.smith" });
    expect(value(parseMention("@Zoë"))).toEqual({ id: "Zoë", name: "Zoë" });
    expect(value(parseMention(mentionOf("U123ABC")))).toEqual({ id: "U123ABC" });
    expect(value(parseMention(mentionOf("U123", "bob")))).toEqual({ id: "U123", name: "bob" });
    expect(value(parseMention(`${mentionOf("U123", "Bob Smith")},`))).toEqual({ id: "U123", name: "Bob Smith" });
    expect(value(parseMention(mentionOf("29:1bob-Yw8_R", "Bob")))).toEqual({ id: "29:1bob-Yw8_R", name: "Bob" });
  });
  it("rejects the rest", () => {
    expect(message(parseMention("bob"))).toBe('"bob" is not a person. Mention them like @bob.');
    for (const bad of ["@", "@@bob", "<@>", "<#C123|general>", "<!here>", "@.", "email@x.com", channelOf("C1"), `x${mentionOf("U1")}`])
      expect(parseMention(bad).ok, bad).toBe(false);
    expect(looksLikeMention("@bob")).toBe(true);
    expect(looksLikeMention(mentionOf("U1", "x"))).toBe(true);
  });
  it("takes typed Slack syntax for text, never for a person", () => {
    for (const typed of ["<@U123ABC>", "<@U123|bob>", "<@W42|>"]) expect(parseMention(typed).ok, typed).toBe(false);
    // A forged reference (the reserved characters typed in) is stripped on the way in: at most a typed name is left, never the id.
    expect(value(parseMention(withoutReserved(mentionOf("U123", "bob"))))).toEqual({ id: "U123bob", name: "U123bob" });
    expect(looksLikeMention("bob")).toBe(false);
  });
});

describe("parseRef", () => {
  it("reads #12 and a bare 12", () => {
    expect(value(parseRef("#12"))).toBe(12);
    expect(value(parseRef("12"))).toBe(12);
    expect(message(parseRef("#0"))).toBe('"#0" is not a number like #12.');
    for (const bad of ["#", "#-1", "#1.5", "#abc", "#12345678901", "#general"]) expect(parseRef(bad).ok, bad).toBe(false);
  });
  it("recognises only the # form", () => {
    expect(looksLikeRef("#12")).toBe(true);
    expect(looksLikeRef("12")).toBe(false);
    expect(looksLikeRef("#0")).toBe(false);
    expect(looksLikeRef("#general")).toBe(false);
  });
});

describe("parseNumberWithUnit", () => {
  it.each([
    ["95%", 95, "%"],
    ["200ms", 200, "ms"],
    ["4.5", 4.5, null],
    ["1,200", 1200, null],
    ["$5,000", 5000, "$"],
    ["-3", -3, null],
    ["+2.5h", 2.5, "h"],
    ["99.9 %", 99.9, "%"],
    ["12req/s", 12, "req/s"],
    [".5", 0.5, null],
    ["-0", 0, null],
  ])("%s -> %s %s", (text, v, unit) => {
    expect(value(parseNumberWithUnit(text))).toEqual({ value: v, unit });
  });
  it("rejects the rest", () => {
    expect(message(parseNumberWithUnit("lots"))).toBe('"lots" is not a number. Write it like 95%, 200ms, 4.5 or 1,200.');
    expect(message(parseNumberWithUnit("1,20"))).toMatch(/thousands commas/);
    for (const bad of ["", "%", "$5ms", "1.2.3", "ms200"]) expect(parseNumberWithUnit(bad).ok, bad).toBe(false);
  });
});

describe("parseDays", () => {
  it("reads whole days", () => {
    expect(value(parseDays("+5d"))).toBe(5);
    expect(value(parseDays("5d"))).toBe(5);
    expect(value(parseDays("5"))).toBe(5);
    expect(value(parseDays("2w"))).toBe(14);
    expect(value(parseDays("-3d"))).toBe(-3);
    expect(value(parseDays("0"))).toBe(0);
    expect(Object.is(value(parseDays("-0d")), 0)).toBe(true);
  });
  it("rejects the rest", () => {
    expect(message(parseDays("soon"))).toBe('"soon" is not a number of days. Write it like +5d, 5d or 2w.');
    for (const bad of ["1.5d", "d", "+", "5h", ""]) expect(parseDays(bad).ok, bad).toBe(false);
  });
});
