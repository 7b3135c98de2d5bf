/** Who a standup schedule asks, and by which zone's clock. Pure: shared by the tick and `standup now`. */
import { isValidZone } from "../dates.js";
import type { Member, StandupSchedule } from "../../store.js";
import type { WeeklyRule } from "./occurrences.js";

export interface PromptTarget {
  /** JobRun key: globally unique because it carries the schedule id. */
  key: string;
  /** Member id, or "channel". */
  recipient: string;
  /** Where the prompt goes: the member's platform id (a DM) or the schedule's channel. */
  channelId: string;
  rule: WeeklyRule;
  memberId: string | null;
}

/** Each participant by DM (in their own zone when the schedule says so), or the channel when it names none. */
export function promptTargets(
  schedule: Pick<
    StandupSchedule,
    "id" | "channelId" | "days" | "time" | "timeZone" | "holidays" | "skipUntil" | "participants" | "perParticipantZones"
  >,
  members: readonly Member[],
): PromptTarget[] {
  const base: WeeklyRule = {
    days: schedule.days,
    time: schedule.time,
    timeZone: schedule.timeZone,
    holidays: schedule.holidays,
    skipUntil: schedule.skipUntil,
  };
  if (schedule.participants.length === 0) {
    return [{ key: `${schedule.id}:channel`, recipient: "channel", channelId: schedule.channelId, rule: base, memberId: null }];
  }
  const byId = new Map(members.map((m) => [m.id, m]));
  return schedule.participants.flatMap((id) => {
    const member = byId.get(id);
    if (!member) return [];
    const zone = schedule.perParticipantZones && isValidZone(member.timeZone) ? member.timeZone : schedule.timeZone;
    return [
      {
        key: `${schedule.id}:${member.id}`,
        recipient: member.id,
        channelId: member.platformUserId,
        rule: { ...base, timeZone: zone },
        memberId: member.id,
      },
    ];
  });
}
