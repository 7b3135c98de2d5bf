import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  formatDate,
  isIsoDate,
  isValidZone,
  relativeDue,
  todayIn,
  weeksBetween,
} from "../../../src/core/domain/dates.js";

describe("todayIn", () => {
  const now = DateTime.fromISO("2026-03-27T23:30:00Z", { zone: "utc" });
  it("gives the calendar date in the user's zone", () => {
    expect(todayIn("UTC", now)).toBe("2026-03-27");
    expect(todayIn("Europe/Berlin", now)).toBe("2026-03-28");
    expect(todayIn("America/New_York", now)).toBe("2026-03-27");
    expect(todayIn("Pacific/Kiritimati", DateTime.fromISO("2026-03-27T10:00:00Z"))).toBe("2026-03-28");
  });
  it("falls back to UTC for an unknown zone", () => {
    expect(todayIn("Mars/Olympus", now)).toBe("2026-03-27");
  });
});

describe("isValidZone", () => {
  it("accepts IANA names only", () => {
    expect(isValidZone("Europe/Berlin")).toBe(true);
    expect(isValidZone("UTC")).toBe(true);
    expect(isValidZone("Mars/Olympus")).toBe(false);
    expect(isValidZone("")).toBe(false);
  });
});

describe("daysBetween / weeksBetween / addDays", () => {
  it("counts b - a in whole days, across DST and leap days", () => {
    expect(daysBetween("2026-03-27", "2026-03-30")).toBe(3);
    expect(daysBetween("2026-03-30", "2026-03-27")).toBe(-3);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // EU DST starts 29 March
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
  });
  it("gives NaN for invalid dates", () => {
    expect(daysBetween("2026-02-30", "2026-03-01")).toBeNaN();
    expect(daysBetween("nope", "2026-03-01")).toBeNaN();
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-02-28")).toBe(true);
  });
  it("weeks are fractional", () => {
    expect(weeksBetween("2026-03-01", "2026-03-15")).toBe(2);
    expect(weeksBetween("2026-03-01", "2026-03-11")).toBeCloseTo(10 / 7);
  });
  it("addDays agrees with daysBetween", () => {
    expect(addDays("2026-03-31", 1)).toBe("2026-04-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }),
        fc.integer({ min: -5000, max: 5000 }),
        (d, n) => {
          const iso = d.toISOString().slice(0, 10);
          expect(daysBetween(iso, addDays(iso, n))).toBe(n);
        },
      ),
    );
  });
});

describe("formatDate", () => {
  it("is short and human", () => {
    expect(formatDate("2026-03-27")).toBe("Fri 27 Mar 2026");
    expect(formatDate("2026-03-27", "en-GB")).toBe("Fri 27 Mar 2026");
    expect(formatDate("2026-03-27", "en-US")).toBe("Fri Mar 27 2026");
    expect(formatDate("2026-03-27", "de-DE")).toMatch(/27\. März 2026/);
  });
  it("leaves invalid input alone and survives a bad locale", () => {
    expect(formatDate("someday")).toBe("someday");
    expect(formatDate("2026-03-27", "not a locale!")).toBe("Fri 27 Mar 2026");
  });
});

describe("relativeDue", () => {
  const today = "2026-03-27";
  it("says how far away a due date is", () => {
    expect(relativeDue("2026-03-24", today)).toBe("overdue by 3 days");
    expect(relativeDue("2026-03-26", today)).toBe("overdue by 1 day");
    expect(relativeDue("2026-03-27", today)).toBe("due today");
    expect(relativeDue("2026-03-28", today)).toBe("due tomorrow");
    expect(relativeDue("2026-03-29", today)).toBe("due in 2 days");
    expect(relativeDue("bad", today)).toBe("due bad");
  });
});
