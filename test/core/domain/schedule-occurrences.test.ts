import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { formatDays, occurrenceOn, occurrencesBetween, parseDays, type WeeklyRule } from "../../../src/core/domain/schedule/occurrences.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const berlin: WeeklyRule = {
  days: ["mon", "tue", "wed", "thu", "fri"],
  time: "09:00",
  timeZone: "Europe/Berlin",
  holidays: ["2026-04-03"],
};
const instants = (rule: WeeklyRule, from: string, to: string) => occurrencesBetween(rule, utc(from), utc(to)).map((o) => o.at.toISO());

describe("occurrences", () => {
  it("keeps 09:00 Berlin across the 2026-03-29 change: 08:00Z before, 07:00Z after, weekdays only", () => {
    expect(instants(berlin, "2026-03-25T00:00:00Z", "2026-04-02T23:59:00Z")).toEqual([
      "2026-03-25T08:00:00.000Z",
      "2026-03-26T08:00:00.000Z",
      "2026-03-27T08:00:00.000Z",
      // Sat 28, Sun 29 (the change) skipped
      "2026-03-30T07:00:00.000Z",
      "2026-03-31T07:00:00.000Z",
      "2026-04-01T07:00:00.000Z",
      "2026-04-02T07:00:00.000Z",
    ]);
  });

  it("skips holidays and never yields two occurrences for one local date over a year", () => {
    const all = occurrencesBetween(berlin, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    const dates = all.map((o) => o.localDate);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).not.toContain("2026-04-03");
    for (const o of all) {
      const local = o.at.setZone("Europe/Berlin");
      expect(local.toFormat("HH:mm")).toBe("09:00");
      expect(local.weekday).toBeLessThanOrEqual(5);
      expect(local.toISODate()).toBe(o.localDate);
    }
    // 2026 has 261 weekdays (it starts and ends on a Thursday); one is a holiday.
    expect(all).toHaveLength(261 - 1);
  });

  it("runs a non-existent local time once, shifted forward, and an ambiguous one once", () => {
    const spring = occurrencesBetween(
      { days: ["sun"], time: "02:30", timeZone: "Europe/Berlin" },
      utc("2026-03-28T00:00:00Z"),
      utc("2026-03-30T00:00:00Z"),
    );
    expect(spring).toHaveLength(1);
    expect(spring[0]!.at.setZone("Europe/Berlin").toFormat("HH:mm")).toBe("03:30");
    const autumn = occurrencesBetween(
      { days: ["sun"], time: "02:30", timeZone: "Europe/Berlin" },
      utc("2026-10-24T00:00:00Z"),
      utc("2026-10-26T00:00:00Z"),
    );
    expect(autumn).toHaveLength(1);
  });

  it("honours skipUntil inclusively and the window bounds (from excluded, to included)", () => {
    expect(instants({ ...berlin, skipUntil: "2026-03-26" }, "2026-03-25T00:00:00Z", "2026-03-27T23:00:00Z")).toEqual([
      "2026-03-27T08:00:00.000Z",
    ]);
    expect(instants(berlin, "2026-03-27T08:00:00Z", "2026-03-27T09:00:00Z")).toEqual([]);
    expect(instants(berlin, "2026-03-27T07:00:00Z", "2026-03-27T08:00:00Z")).toEqual(["2026-03-27T08:00:00.000Z"]);
  });

  it("puts a far-east zone's Monday 09:00 on Sunday in UTC", () => {
    const o = occurrenceOn({ days: ["mon"], time: "09:00", timeZone: "Pacific/Auckland" }, "2026-06-01");
    expect(o?.at.toISO()).toBe("2026-05-31T21:00:00.000Z");
  });

  it("reads day lists", () => {
    expect(parseDays("mon-fri")).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(parseDays("Monday,wed,fri")).toEqual(["mon", "wed", "fri"]);
    expect(parseDays("fri-mon")).toEqual(["mon", "fri", "sat", "sun"]);
    expect(parseDays("daily")).toHaveLength(7);
    expect(parseDays("funday")).toBeNull();
    expect(formatDays(["mon", "tue", "wed", "thu", "fri"])).toBe("mon-fri");
    expect(formatDays(["mon", "wed"])).toBe("mon,wed");
  });
});
