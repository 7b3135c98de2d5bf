/** When a weekly digest schedule fires, as a WeeklyRule; pure, shared by the command, the tick and the upcoming list. */
import type { DateTime } from "luxon";
import type { ReportSchedule } from "../../store.js";
import { occurrenceOn, type Occurrence, type WeeklyRule } from "./occurrences.js";

export function digestRule(schedule: Pick<ReportSchedule, "day" | "time" | "timeZone">): WeeklyRule {
  return { days: [schedule.day], time: schedule.time, timeZone: schedule.timeZone };
}

/** The first occurrence strictly after `now` (at most a week and a day away). */
export function nextOccurrence(rule: WeeklyRule, now: DateTime): Occurrence | null {
  const start = now.setZone(rule.timeZone).startOf("day");
  for (let i = 0; i <= 8; i++) {
    const o = occurrenceOn(rule, start.plus({ days: i }).toISODate()!);
    if (o && o.at > now) return o;
  }
  return null;
}
