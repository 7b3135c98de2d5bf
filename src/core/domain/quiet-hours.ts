/**
 * Quiet hours: a person's local evening and night, when the bot holds its
 * own direct messages (the outbox keeps them until notBefore). Each member
 * has a window "HH:mm-HH:mm" read in their zone; the default is
 * 20:00-08:00 and "" means never hold.
 */
import { DateTime } from "luxon";
import type { Member } from "../records/index.js";
import type { OutgoingMessage } from "../notify.js";

export const DEFAULT_QUIET_HOURS = "20:00-08:00";

/** Minutes after local midnight: quiet from `from` (inclusive) until `until` (exclusive); may wrap midnight. */
export interface QuietWindow {
  from: number;
  until: number;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (value: string): number | null => {
  const m = TIME.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** "22:00-07:00" -> window; "" -> null (no quiet hours); anything else -> undefined (not a window). */
export function parseQuietHours(text: string): QuietWindow | null | undefined {
  if (text.trim() === "") return null;
  const parts = text.split("-");
  if (parts.length !== 2) return undefined;
  const from = minutesOf(parts[0]!);
  const until = minutesOf(parts[1]!);
  if (from === null || until === null || from === until) return undefined;
  return { from, until };
}

/** The canonical "HH:mm-HH:mm" of a window, "" for none. */
export const formatQuietHours = (window: QuietWindow | null): string => (window ? `${clock(window.from)}-${clock(window.until)}` : "");

/** A usable IANA zone for a member: theirs when valid, else UTC. */
export function memberZone(timeZone: string | null | undefined): string {
  return timeZone && DateTime.local().setZone(timeZone).isValid ? timeZone : "UTC";
}

/**
 * When the quiet hours around `now` end (UTC), or null when `now` is outside
 * them. `window` defaults to 20:00-08:00; an unreadable stored value is
 * treated as the default rather than as "never quiet".
 */
export function quietUntil(
  now: DateTime,
  zone: string,
  window: QuietWindow | null = parseQuietHours(DEFAULT_QUIET_HOURS)!,
): DateTime | null {
  if (!window) return null;
  const local = now.setZone(zone);
  const minute = local.hour * 60 + local.minute;
  const wraps = window.from > window.until;
  const inside = wraps ? minute >= window.from || minute < window.until : minute >= window.from && minute < window.until;
  if (!inside) return null;
  // The end is today's `until`, or tomorrow's when the window wrapped past midnight and we are before it.
  const endDay = wraps && minute >= window.from ? local.plus({ days: 1 }) : local;
  const end = endDay.set({ hour: Math.floor(window.until / 60), minute: window.until % 60, second: 0, millisecond: 0 });
  // A local time skipped by a DST change resolves forward; never return an instant before now.
  return end <= now ? null : end.toUTC();
}

/** When a direct message to this member sent at `now` may go out, or null for at once. */
export function memberQuietUntil(member: Pick<Member, "timeZone" | "quietHours">, now: DateTime): DateTime | null {
  const window = parseQuietHours(member.quietHours);
  return quietUntil(now, memberZone(member.timeZone), window === undefined ? parseQuietHours(DEFAULT_QUIET_HOURS)! : window);
}

/**
 * A direct message to a member, held until their quiet hours end. Every
 * message the bot starts on its own to one person goes through here.
 */
export function directMessage(
  member: Pick<Member, "platformUserId" | "timeZone" | "quietHours">,
  now: DateTime,
  message: Omit<OutgoingMessage, "channelId" | "notBefore">,
): OutgoingMessage {
  const holdUntil = memberQuietUntil(member, now);
  return { ...message, channelId: member.platformUserId, ...(holdUntil ? { notBefore: holdUntil.toJSDate() } : {}) };
}
