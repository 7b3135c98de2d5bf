/**
 * One rule for what counts as a time zone: the `tz` option of `standup setup`
 * and `report schedule`, a standup's per-person prompt zones and the dates
 * shown in the user's zone (digest, KPI readings, charts) take and refuse the
 * same names. Fixed offsets, "local" and "system" (the server's zone) are
 * refused everywhere; an IANA name is taken everywhere.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { fields } from "../../../src/core/commands/fields.js";
import { isValidZone, todayIn } from "../../../src/core/domain/dates.js";
import { promptTargets } from "../../../src/core/domain/schedule/prompt-targets.js";
import type { Member } from "../../../src/core/store.js";

const ZONES: readonly [zone: string, valid: boolean][] = [
  ["Europe/Berlin", true],
  ["UTC", true],
  ["America/New_York", true],
  ["Etc/GMT+2", true],
  ["Pacific/Kiritimati", true],
  ["", false],
  ["Mars/Olympus", false],
  ["local", false],
  ["system", false],
  ["UTC+2", false],
];

const SCHEDULE_ZONE = "Asia/Tokyo";

/** The zone a standup prompts a participant in, when the schedule follows each person's own zone. */
function promptZone(timeZone: string): string {
  const member: Member = { id: "m1", tenantId: "local", platformUserId: "U1", name: "Ada", timeZone, role: "member", quietHours: "" };
  const schedule = {
    id: "s1",
    channelId: "C1",
    days: ["mon" as const],
    time: "09:00",
    timeZone: SCHEDULE_ZONE,
    holidays: [],
    skipUntil: null,
    participants: ["m1"],
    perParticipantZones: true,
  };
  return promptTargets(schedule, [member])[0]!.rule.timeZone;
}

describe("time zones", () => {
  const now = DateTime.fromISO("2026-03-27T23:30:00Z", { zone: "utc" });

  it.each(ZONES)("%j is a zone: %s, for every caller alike", (zone, valid) => {
    expect(isValidZone(zone)).toBe(valid);
    // The `tz` option of standup setup and report schedule.
    expect(fields.timeZone().safeParse(zone).success).toBe(valid);
    // A participant's own zone for standup prompts; the schedule's zone otherwise.
    expect(promptZone(zone)).toBe(valid ? zone : SCHEDULE_ZONE);
    // The user's date (digest, KPI, charts); UTC otherwise.
    expect(todayIn(zone, now)).toBe((valid ? now.setZone(zone) : now).toISODate());
  });

  it("refuses nothing at all", () => {
    expect(isValidZone(null)).toBe(false);
    expect(isValidZone(undefined)).toBe(false);
  });
});
