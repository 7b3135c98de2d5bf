/**
 * When an open change request belongs in an approver's daily reminder.
 *
 * A request waits for its approvers: the project manager and every
 * stakeholder marked as an approver. Once it has been open on 3 working days
 * (Monday to Friday, counted in the approver's own zone from the day it was
 * requested, that day included, today not), it is listed in each approver's
 * 09:00 reminder until it is decided. So a request made on a Friday is first
 * listed on the Wednesday after (Friday, Monday, Tuesday have passed), one
 * made on a Monday on the Thursday, and one made on a Saturday on the Thursday.
 * Under the "all" policy an approver who has already approved is not asked
 * again while the others decide (domain/change-policy.ts pendingApprovers).
 */
import { DateTime } from "luxon";
import { addDays, daysBetween } from "../domain/dates.js";
import type { ChangeRequest } from "../store.js";

/** Working days a request waits before its approvers are reminded. */
export const CHANGE_REMINDER_WORKING_DAYS = 3;

/** The calendar day an instant falls on in a zone (UTC for an unknown zone). */
export function localDay(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  return (local.isValid ? local : DateTime.fromJSDate(instant, { zone: "utc" })).toISODate()!;
}

const isWeekday = (iso: string): boolean => DateTime.fromISO(iso, { zone: "utc" }).weekday <= 5;

/** Monday-to-Friday days from `from` (included) up to `to` (excluded); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  const span = daysBetween(from, to);
  if (!(span > 0)) return 0;
  const weeks = Math.floor(span / 7);
  let days = weeks * 5;
  for (let day = addDays(from, weeks * 7); day < to; day = addDays(day, 1)) if (isWeekday(day)) days++;
  return days;
}

/** Whether an open request has waited long enough, on a local date in the approver's zone, to be in that day's reminder. */
export function changeReminderDue(change: Pick<ChangeRequest, "status" | "requestedAt">, localDate: string, zone: string): boolean {
  return change.status === "open" && workingDaysBetween(localDay(change.requestedAt, zone), localDate) >= CHANGE_REMINDER_WORKING_DAYS;
}
