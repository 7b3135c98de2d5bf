/**
 * One standup day of a schedule: who is asked at what instant, and when the
 * answer window closes. Pure: shared by the tick (prompts, reminders,
 * summaries), `scheduler list` and `standup setup`'s window check.
 */
import type { DateTime } from "luxon";
import type { StandupSchedule } from "../../store.js";
import { occurrenceOn, occurrencesBetween, type WeeklyRule } from "./occurrences.js";
import type { PromptTarget } from "./prompt-targets.js";

export interface AskedTarget {
  target: PromptTarget;
  at: DateTime;
}

export interface StandupDay {
  date: string;
  /** Targets asked that day (people away left out), each at their own instant. */
  asked: AskedTarget[];
  /** The window runs from the last prompt of the day. */
  closes: DateTime;
}

type DaySchedule = Pick<StandupSchedule, "skips" | "activeFrom" | "windowMinutes">;

/** Whether a participant is away (`standup skip`) on a local date; the channel never is. */
export function isAway(schedule: Pick<StandupSchedule, "skips">, memberId: string | null, date: string): boolean {
  const until = memberId ? schedule.skips[memberId] : undefined;
  return until !== undefined && date <= until;
}

/** Whether an occurrence falls before the schedule was set up or resumed: never asked, never counted missed. */
export function beforeStart(schedule: Pick<StandupSchedule, "activeFrom">, at: DateTime): boolean {
  return schedule.activeFrom !== null && at.toMillis() < schedule.activeFrom.getTime();
}

export function standupDay(schedule: DaySchedule, targets: readonly PromptTarget[], date: string): StandupDay | null {
  const asked = targets.flatMap((target) => {
    const o = occurrenceOn(target.rule, date);
    return o && !beforeStart(schedule, o.at) && !isAway(schedule, target.memberId, date) ? [{ target, at: o.at }] : [];
  });
  if (!asked.length) return null;
  return { date, asked, closes: latest(asked.map((a) => a.at)).plus({ minutes: schedule.windowMinutes }) };
}

/** Local dates with a prompt of any target in (from, to], oldest first. */
export function standupDates(targets: readonly PromptTarget[], from: DateTime, to: DateTime): string[] {
  const dates = new Set(targets.flatMap((t) => occurrencesBetween(t.rule, from, to).map((o) => o.localDate)));
  return [...dates].sort();
}

/** A reminder goes out 30 minutes before the close, or half-way through a shorter window. */
export const reminderLeadMinutes = (windowMinutes: number): number => Math.min(30, windowMinutes / 2);

export interface WindowOverlap {
  date: string;
  closes: DateTime;
  /** The first prompt of the following standup day. */
  next: DateTime;
}

/**
 * The first standup day within `days` from `from` whose answer window would
 * still be open when the next day's first prompt goes out, or null. One zone
 * never overlaps (days are ~24 h apart, windows at most 12 h); participants
 * asked in their own, far-apart zones can.
 */
export function windowOverlap(rules: readonly WeeklyRule[], windowMinutes: number, from: DateTime, days = 14): WindowOverlap | null {
  const byDate = new Map<string, DateTime[]>();
  for (const rule of rules) {
    for (const o of occurrencesBetween(rule, from, from.plus({ days })))
      byDate.set(o.localDate, [...(byDate.get(o.localDate) ?? []), o.at]);
  }
  const dates = [...byDate.keys()].sort();
  for (let i = 0; i + 1 < dates.length; i++) {
    const closes = latest(byDate.get(dates[i]!)!).plus({ minutes: windowMinutes });
    const next = earliest(byDate.get(dates[i + 1]!)!);
    if (closes > next) return { date: dates[i]!, closes, next };
  }
  return null;
}

const latest = (all: DateTime[]) => all.reduce((a, b) => (b > a ? b : a));
const earliest = (all: DateTime[]) => all.reduce((a, b) => (b < a ? b : a));
