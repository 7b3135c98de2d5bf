/**
 * Quiet hours: a person's local evening and night, when the bot holds its
 * own messages (the outbox keeps them until notBefore). One fixed window for
 * everyone, read in each person's zone.
 */
import { DateTime } from "luxon";

/** Local hour quiet hours start (inclusive) and end (exclusive). */
export const QUIET_FROM_HOUR = 20;
export const QUIET_UNTIL_HOUR = 8;

/** A usable IANA zone for a member: theirs when valid, else UTC. */
export function memberZone(timeZone: string | null | undefined): string {
  return timeZone && DateTime.local().setZone(timeZone).isValid ? timeZone : "UTC";
}

/** When quiet hours around `now` end in `zone` (UTC), or null when `now` is outside them. */
export function quietUntil(now: DateTime, zone: string): DateTime | null {
  const local = now.setZone(zone);
  const endOn = (day: DateTime) => day.set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 }).toUTC();
  if (local.hour < QUIET_UNTIL_HOUR) return endOn(local);
  if (local.hour >= QUIET_FROM_HOUR) return endOn(local.plus({ days: 1 }));
  return null;
}
