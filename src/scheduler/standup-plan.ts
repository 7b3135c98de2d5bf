/**
 * What a tick needs to know of every standup schedule before it claims
 * anything, loaded for all schedules at once: their participants (one query
 * per tenant, not one per schedule), who is asked when, the standup days of
 * the look-back, and the answers of the days whose window is still open (one
 * query per tenant). At ten thousand schedules a query per schedule would
 * outlast the minute between ticks.
 */
import type { DateTime } from "luxon";
import {
  type TenantId,
  type Member,
  type StandupAnswer,
  type StandupSchedule,
  type Store,
  promptTargets,
  type PromptTarget,
  standupDates,
  standupDay,
  type StandupDay,
} from "../core/index.js";

export interface StandupPlan {
  schedule: StandupSchedule;
  /** The participants, in the schedule's order. */
  members: Member[];
  targets: PromptTarget[];
  /** Standup days whose prompts fell due within the look-back (plus one window, so a late close is still seen). */
  days: StandupDay[];
  /** A day's answers: as loaded with the plan while its window is open, otherwise read now. */
  answers(date: string): Promise<StandupAnswer[]>;
}

export async function planStandups(
  store: Store,
  schedules: readonly StandupSchedule[],
  now: DateTime,
  lookbackHours: number,
): Promise<StandupPlan[]> {
  const members = await participantsOf(store, schedules);
  const plans = schedules.map((schedule) => {
    const participants = members(schedule);
    const targets = promptTargets(schedule, participants);
    const from = now.minus({ hours: lookbackHours, minutes: schedule.windowMinutes });
    const days = standupDates(targets, from, now).flatMap((date) => standupDay(schedule, targets, date) ?? []);
    return { schedule, members: participants, targets, days };
  });
  const open = await openDayAnswers(store, plans, now);
  return plans.map((plan) => {
    const { tenantId, id } = plan.schedule;
    return { ...plan, answers: async (date) => open.get(`${id}|${date}`) ?? store.standups.answers(tenantId, id, date) };
  });
}

/** Answers of every standup day whose window has not closed (the ones a tick reads each minute). */
async function openDayAnswers(
  store: Store,
  plans: readonly Omit<StandupPlan, "answers">[],
  now: DateTime,
): Promise<Map<string, StandupAnswer[]>> {
  const byTenant = new Map<TenantId, { scheduleId: string; slot: string }[]>();
  for (const { schedule, days } of plans) {
    for (const day of days) {
      if (now >= day.closes) continue;
      const list = byTenant.get(schedule.tenantId) ?? [];
      list.push({ scheduleId: schedule.id, slot: day.date });
      byTenant.set(schedule.tenantId, list);
    }
  }
  const open = new Map<string, StandupAnswer[]>();
  for (const [tenantId, days] of byTenant) {
    const found = await store.standups.answersOfDays(tenantId, days);
    for (const { scheduleId, slot } of days) open.set(`${scheduleId}|${slot}`, found.get(`${scheduleId}|${slot}`) ?? []);
  }
  return open;
}

async function participantsOf(store: Store, schedules: readonly StandupSchedule[]): Promise<(schedule: StandupSchedule) => Member[]> {
  const idsByTenant = new Map<TenantId, Set<string>>();
  for (const s of schedules) {
    const ids = idsByTenant.get(s.tenantId) ?? new Set<string>();
    for (const id of s.participants) ids.add(id);
    idsByTenant.set(s.tenantId, ids);
  }
  const byId = new Map<string, Member>();
  for (const [tenantId, ids] of idsByTenant)
    for (const m of await store.members.getMany(tenantId, [...ids])) byId.set(`${tenantId}:${m.id}`, m);
  return (s) => s.participants.flatMap((id) => byId.get(`${s.tenantId}:${id}`) ?? []);
}
