import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  currencyDigits,
  divRoundHalfUp,
  formatAmount,
  formatMoney,
  minorToDecimal,
  percent,
  ratio,
  sumMoney,
} from "../../../src/core/domain/money.js";

describe("currencyDigits", () => {
  it("knows each currency's minor unit", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("eur")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
  });
  it("falls back to 2 for a malformed code", () => {
    expect(currencyDigits("not a code")).toBe(2);
    expect(currencyDigits("")).toBe(2);
  });
});

describe("minorToDecimal", () => {
  it("places the decimal point exactly", () => {
    expect(minorToDecimal(370050n, 2)).toBe("3700.50");
    expect(minorToDecimal(5n, 2)).toBe("0.05");
    expect(minorToDecimal(-5n, 3)).toBe("-0.005");
    expect(minorToDecimal(1234n, 0)).toBe("1234");
  });
});

describe("formatMoney / formatAmount", () => {
  it("formats with symbol, grouping and the currency's decimals", () => {
    expect(formatMoney(370050n, "USD")).toBe("$3,700.50");
    expect(formatMoney(0n, "USD")).toBe("$0.00");
    expect(formatMoney(2500n, "JPY")).toBe("¥2,500");
    expect(formatMoney(1234n, "KWD")).toMatch(/1\.234/);
    expect(formatMoney(-370050n, "USD")).toBe("-$3,700.50");
    expect(formatAmount(370050n, "USD")).toBe("3,700.50");
    expect(formatAmount(370050n, "EUR", "de-DE")).toBe("3.700,50");
    expect(formatMoney(370050n, "EUR", "de-DE")).toBe("3.700,50\u00A0€");
  });
  it("stays exact beyond 2^53", () => {
    expect(formatMoney(123456789012345678901n, "USD")).toBe("$1,234,567,890,123,456,789.01");
    expect(formatAmount(9007199254740993n, "JPY")).toBe("9,007,199,254,740,993");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        expect(formatAmount(n, "JPY").replace(/,/g, "")).toBe(n.toString());
      }),
    );
  });
  it("does not throw on a bad locale or currency", () => {
    expect(formatMoney(100n, "USD", "not a locale!")).toBe("1.00 USD");
    expect(formatMoney(100n, "??", "en-US")).toBe("1.00 ??");
  });
});

describe("ratio / percent / sumMoney", () => {
  it("ratio is 0 for a zero whole", () => {
    expect(ratio(370050n, 1000000n)).toBeCloseTo(0.37005);
    expect(ratio(5n, 0n)).toBe(0);
  });
  it("percent rounds half up to an integer", () => {
    expect(percent(370050n, 1000000n)).toBe(37);
    expect(percent(1n, 2n)).toBe(50);
    expect(percent(1n, 200n)).toBe(1); // 0.5 -> 1
    expect(percent(1n, 201n)).toBe(0);
    expect(percent(2n, 3n)).toBe(67);
    expect(percent(150n, 100n)).toBe(150);
    expect(percent(5n, 0n)).toBe(0);
    expect(percent(-1n, 200n)).toBe(0); // -0.5 rounds up to 0
  });
  it("divRoundHalfUp rounds to nearest with halves toward +infinity", () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-2n);
    expect(divRoundHalfUp(7n, 3n)).toBe(2n);
    expect(divRoundHalfUp(-7n, 3n)).toBe(-2n);
    expect(divRoundHalfUp(8n, 3n)).toBe(3n);
    expect(divRoundHalfUp(5n, -2n)).toBe(-2n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 10n }), (n, d) => {
        const q = divRoundHalfUp(n, d);
        // |n - q*d| <= d/2, and an exact half went up
        const diff = 2n * (n - q * d);
        expect(diff >= -d && diff < d).toBe(true);
      }),
    );
  });
  it("sums exactly", () => {
    expect(sumMoney([250000n, 120050n])).toBe(370050n);
    expect(sumMoney([])).toBe(0n);
    expect(sumMoney([2n ** 60n, 2n ** 60n, 1n])).toBe(2n ** 61n + 1n);
  });
});
