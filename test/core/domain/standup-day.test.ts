import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { WeeklyRule } from "../../../src/core/domain/schedule/occurrences.js";
import type { PromptTarget } from "../../../src/core/domain/schedule/prompt-targets.js";
import { reminderLeadMinutes, standupDay, windowOverlap } from "../../../src/core/domain/schedule/standup-day.js";
import { formatDuration, parseDuration } from "../../../src/core/domain/standup-settings.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
const rule = (timeZone: string): WeeklyRule => ({ days: weekdays, time: "09:00", timeZone });
const target = (memberId: string, timeZone: string): PromptTarget => ({
  key: `s:${memberId}`,
  recipient: memberId,
  channelId: memberId,
  rule: rule(timeZone),
  memberId,
});

describe("standup day", () => {
  const ana = target("ana", "Europe/Berlin");
  const kol = target("kol", "Asia/Kolkata");
  const schedule = { skips: {}, activeFrom: null, windowMinutes: 60 };

  it("closes the window after the last person's prompt of the day", () => {
    const day = standupDay(schedule, [ana, kol], "2026-06-15")!;
    expect(day.asked.map((a) => [a.target.memberId, a.at.toISO()])).toEqual([
      ["ana", "2026-06-15T07:00:00.000Z"],
      ["kol", "2026-06-15T03:30:00.000Z"],
    ]);
    expect(day.closes.toISO()).toBe("2026-06-15T08:00:00.000Z");
  });

  it("leaves out people away and prompts before the schedule started; nobody left means no day", () => {
    const away = { ...schedule, skips: { ana: "2026-06-15" } };
    expect(standupDay(away, [ana, kol], "2026-06-15")?.asked.map((a) => a.target.memberId)).toEqual(["kol"]);
    // Started at 06:00Z: Kolkata's 03:30Z prompt that day came before it.
    const started = { ...schedule, activeFrom: new Date("2026-06-15T06:00:00Z") };
    expect(standupDay(started, [ana, kol], "2026-06-15")?.asked.map((a) => a.target.memberId)).toEqual(["ana"]);
    expect(standupDay({ ...started, activeFrom: new Date("2026-06-15T07:00:01Z") }, [ana, kol], "2026-06-15")).toBeNull();
    expect(standupDay(schedule, [ana], "2026-06-13")).toBeNull(); // a Saturday
  });

  it("reminds 30 minutes before the close, or half-way through a shorter window", () => {
    expect(reminderLeadMinutes(120)).toBe(30);
    expect(reminderLeadMinutes(60)).toBe(30);
    expect(reminderLeadMinutes(40)).toBe(20);
    expect(reminderLeadMinutes(15)).toBe(7.5);
  });
});

describe("window overlap", () => {
  const from = utc("2026-06-15T00:00:00Z");

  it("never finds one in a single zone, even with the longest window across a DST change", () => {
    expect(windowOverlap([rule("Europe/Berlin")], 12 * 60, utc("2026-03-25T00:00:00Z"))).toBeNull();
    expect(
      windowOverlap(
        [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], time: "23:30", timeZone: "America/New_York" }],
        12 * 60,
        from,
      ),
    ).toBeNull();
  });

  it("finds the day whose window is still open when the next day's first prompt goes out", () => {
    // 09:00 in UTC+14 and UTC-11 are 25 hours apart for the same calendar date.
    const overlap = windowOverlap([rule("Pacific/Kiritimati"), rule("Pacific/Pago_Pago")], 15, from);
    expect(overlap).toMatchObject({ date: "2026-06-15" });
    expect(overlap!.closes.toISO()).toBe("2026-06-15T20:15:00.000Z");
    expect(overlap!.next.toISO()).toBe("2026-06-15T19:00:00.000Z");
    // Kolkata and New York are close enough for a 12-hour window.
    expect(windowOverlap([rule("Asia/Kolkata"), rule("America/New_York")], 12 * 60, from)).toBeNull();
  });
});

describe("answer window durations", () => {
  it("reads 90m, 2h, 1h30m and 1h 30min", () => {
    expect(["90m", "2h", "1h30m", "1h 30min", "45 m", "12H"].map(parseDuration)).toEqual([90, 120, 90, 90, 45, 720]);
    expect(["", "soon", "1.5h", "h", "30s", "2h30"].map(parseDuration)).toEqual([null, null, null, null, null, null]);
  });

  it("writes them back for people", () => {
    expect([15, 60, 90, 120, 720].map(formatDuration)).toEqual(["15 min", "1 h", "1 h 30 min", "2 h", "12 h"]);
  });
});
