/**
 * A nudge before a standup's answer window closes: each participant who was
 * asked and has not answered gets one DM, min(30 min, half the window)
 * before the close. Claimed per (schedule, member, local date) and
 * deduplicated by the outbox under a key of its own, so it goes out once
 * however many ticks or processes run. Never late: nothing once the window
 * has closed, and nothing that quiet hours would hold past the close.
 */
import type { DateTime } from "luxon";
import {
  directMessage,
  memberZone,
  reminderLeadMinutes,
  type StandupDay,
  type Member,
  type StandupAnswer,
  type StandupSchedule,
  standupReminder,
} from "../core/index.js";
import { STANDUP_PROMPT_JOB, STANDUP_REMINDER_JOB } from "./jobs.js";
import type { TickDeps, TickOutcome, TickResult } from "./tick-deps.js";

export const standupReminderDedupeKey = (scheduleId: string, memberId: string, localDate: string): string =>
  `standup-reminder:${scheduleId}:${memberId}:${localDate}`;

/** When the reminder of a standup day is due: from this instant until the window closes. */
export const reminderAt = (schedule: Pick<StandupSchedule, "windowMinutes">, day: Pick<StandupDay, "closes">): DateTime =>
  day.closes.minus({ minutes: reminderLeadMinutes(schedule.windowMinutes) });

export async function remindBeforeClose(
  deps: TickDeps,
  schedule: StandupSchedule,
  day: StandupDay,
  members: readonly Member[],
  answersOn: (date: string) => Promise<StandupAnswer[]>,
  projectName: () => Promise<string>,
  now: DateTime,
): Promise<TickResult[]> {
  // In milliseconds: this runs for every open standup day each minute.
  const closes = day.closes.toMillis();
  if (
    !schedule.remindBeforeClose ||
    now.toMillis() < closes - reminderLeadMinutes(schedule.windowMinutes) * 60_000 ||
    now.toMillis() >= closes
  )
    return [];
  const { tenantId } = schedule;
  const people = day.asked.flatMap(({ target }) => (target.memberId ? [target] : []));
  if (!people.length) return [];
  const answered = new Set((await answersOn(day.date)).map((a) => a.memberId));
  const waiting = people.filter((t) => !answered.has(t.memberId!));
  if (!waiting.length) return [];
  // Only people whose prompt actually went out are reminded of it.
  const prompts = await deps.claims.findMany(
    tenantId,
    STANDUP_PROMPT_JOB,
    waiting.map((t) => t.key),
    day.date,
  );
  const prompted = new Set(prompts.filter((c) => c.status === "done").map((c) => c.key));
  const byId = new Map(members.map((m) => [m.id, m]));
  const out: TickResult[] = [];
  for (const target of waiting) {
    const member = byId.get(target.memberId!);
    if (!member || !prompted.has(target.key)) continue;
    const key = `${schedule.id}:${member.id}`;
    const result = { tenantId, job: STANDUP_REMINDER_JOB, key, slot: day.date, due: reminderAt(schedule, day).toISO()! };
    if (!(await deps.claims.claim(tenantId, STANDUP_REMINDER_JOB, key, day.date, deps.worker, { now: now.toJSDate() }))) {
      out.push({ ...result, outcome: "already-claimed" });
      continue;
    }
    const finish = async (outcome: Exclude<TickOutcome, "already-claimed">, detail: string) => {
      await deps.claims.finish(tenantId, STANDUP_REMINDER_JOB, key, day.date, outcome, detail);
      out.push({ ...result, outcome, detail });
    };
    try {
      const zone = memberZone(member.timeZone);
      const message = directMessage(member, now, {
        kind: "reminder",
        dedupeKey: standupReminderDedupeKey(schedule.id, member.id, day.date),
        reply: standupReminder(await projectName(), day.date, day.closes, zone),
      });
      if (message.notBefore && message.notBefore.getTime() >= day.closes.toMillis()) {
        await finish("skipped", `quiet hours until ${message.notBefore.toISOString()}, after the window closes`);
        continue;
      }
      const { id, created } = await deps.outbox.enqueue(tenantId, schedule.platform, message);
      const held = message.notBefore ? `, held until ${message.notBefore.toISOString()}` : "";
      await finish("done", `${created ? "queued" : "already queued"} ${id}${held}`);
    } catch (error) {
      await finish("failed", error instanceof Error ? error.message : String(error));
    }
  }
  return out;
}
