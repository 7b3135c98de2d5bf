/** What the scheduler will do next: `charter scheduler list`. Stopped schedules are not active, so not listed. */
import type { DateTime } from "luxon";
import { occurrencesBetween, digestRule, beforeStart, isAway } from "../core/index.js";
import { promptTargets, STANDUP_PROMPT_JOB } from "./tick.js";
import type { TickDeps, TickResult } from "./tick-deps.js";
import { activeStandupSchedules } from "../store/repositories/standups.js";
import { activeReportSchedules } from "../store/repositories/report-schedules.js";
import { WEEKLY_DIGEST_JOB } from "./digest-tick.js";

export interface Upcoming {
  tenantId: string;
  job: string;
  key: string;
  slot: string;
  /** UTC ISO instant. */
  due: string;
  /** The wall-clock time in the zone it is scheduled in. */
  local: string;
  channelId: string;
}

export async function upcoming(
  deps: Pick<TickDeps, "db" | "store">,
  from: DateTime,
  days = 7,
  filter: { tenantId?: string } = {},
): Promise<Upcoming[]> {
  const out: Upcoming[] = [];
  for (const schedule of await activeStandupSchedules(deps.db, filter)) {
    const members = await deps.store.members.getMany(schedule.tenantId, schedule.participants);
    for (const target of promptTargets(schedule, members)) {
      for (const o of occurrencesBetween(target.rule, from, from.plus({ days }))) {
        // A participant away that day is not asked, nor is anyone before the schedule starts.
        if (isAway(schedule, target.memberId, o.localDate) || beforeStart(schedule, o.at)) continue;
        out.push({
          tenantId: schedule.tenantId,
          job: STANDUP_PROMPT_JOB,
          key: target.key,
          slot: o.localDate,
          due: o.at.toISO({ suppressMilliseconds: true })!,
          local: `${o.at.setZone(target.rule.timeZone).toFormat("ccc HH:mm")} ${target.rule.timeZone}`,
          channelId: target.channelId,
        });
      }
    }
  }
  for (const schedule of await activeReportSchedules(deps.db, filter)) {
    for (const o of occurrencesBetween(digestRule(schedule), from, from.plus({ days }))) {
      out.push({
        tenantId: schedule.tenantId,
        job: WEEKLY_DIGEST_JOB,
        key: schedule.id,
        slot: o.localDate,
        due: o.at.toISO({ suppressMilliseconds: true })!,
        local: `${o.at.setZone(schedule.timeZone).toFormat("ccc HH:mm")} ${schedule.timeZone}`,
        channelId: schedule.channelId,
      });
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key));
}

export function formatUpcoming(u: Upcoming): string {
  return `${u.due}  ${u.job}  ${u.key}  ${u.slot}  (${u.local}) -> ${u.channelId}  [tenant ${u.tenantId}]`;
}

export function formatTickResult(r: TickResult): string {
  return `${r.outcome}  ${r.job}  ${r.key}  ${r.slot}  due ${r.due}${r.detail ? `  — ${r.detail}` : ""}  [tenant ${r.tenantId}]`;
}
