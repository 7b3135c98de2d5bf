/**
 * Slack's standup thread of the day. When participants are asked by DM, one
 * channel message opens the day's thread and the summary is posted under it;
 * a channel-wide standup is asked in the channel, so its prompt is the
 * thread's first message. Other platforms post the summary in the channel.
 */
import { DateTime } from "luxon";
import type { OutgoingMessage } from "../notify.js";
import type { StandupSchedule } from "../store.js";
import { reply, text } from "../views/reply.js";
import { promptDedupeKey } from "./standup-prompt.js";

type ThreadSchedule = Pick<StandupSchedule, "id" | "platform" | "channelId" | "participants">;

/** The outbox dedupe key of a day's thread opening: one per schedule and local date. */
export const threadDedupeKey = (scheduleId: string, localDate: string): string => `standup-thread:${scheduleId}:${localDate}`;

/** The channel message opening a day's thread; null when there is none (not Slack, or the channel itself is asked). */
export function threadOpening(schedule: ThreadSchedule, projectName: string, localDate: string): OutgoingMessage | null {
  if (schedule.platform !== "slack" || !schedule.participants.length) return null;
  const day = DateTime.fromISO(localDate, { zone: "utc", locale: "en" }).toFormat("cccc d LLL");
  const title = `Standup — ${projectName}, ${day}`;
  return {
    channelId: schedule.channelId,
    kind: "standup-prompt",
    dedupeKey: threadDedupeKey(schedule.id, localDate),
    reply: reply(title, [text(`${title}: participants were asked by direct message; the summary follows in this thread.`)], "channel"),
  };
}

/** The dedupe key of the message a day's summary is posted under; undefined off Slack. */
export function summaryThreadKey(schedule: ThreadSchedule, localDate: string): string | undefined {
  if (schedule.platform !== "slack") return undefined;
  return schedule.participants.length ? threadDedupeKey(schedule.id, localDate) : promptDedupeKey(schedule.id, "channel", localDate);
}
