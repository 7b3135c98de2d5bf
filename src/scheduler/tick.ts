/**
 * One scheduler tick: every standup prompt that fell due up to `at` is
 * claimed (JobRun unique (job, key, slot)) and only the claimant posts it,
 * so any number of processes or repeated runs post each prompt once.
 * Occurrences the process slept through are posted late within the grace
 * window and recorded as missed beyond it, never posted late; occurrences
 * before the schedule was set up or resumed (activeFrom) are not due at all.
 * Claims carry a lease, so work a crashed process left half done is taken
 * over by a later tick (the outbox's dedupe keys keep that from double-posting).
 */
import { DateTime } from "luxon";
import {
  type TenantId,
  type Member,
  type StandupAnswer,
  type StandupSchedule,
  promptDedupeKey,
  standupPrompt,
  blockerEscalation,
  escalationDedupeKey,
  standupSummary,
  summaryDedupeKey,
  occurrenceOn,
  occurrencesBetween,
  type PromptTarget,
  beforeStart,
  directMessage,
  type OutgoingMessage,
} from "../core/index.js";
import { activeStandupSchedules } from "../store/repositories/standups.js";
import { STANDUP_PROMPT_JOB, STANDUP_SUMMARY_JOB } from "./jobs.js";
import { remindBeforeClose } from "./standup-reminder.js";
import { runReminders } from "./reminders.js";
import { runDigests } from "./digest-tick.js";
import { openStandupThread, summaryThreadKey } from "./standup-thread.js";
import { settledClaims, skippingSettled } from "./settled-claims.js";
import { planStandups, type StandupPlan } from "./standup-plan.js";
import type { TickDeps, TickOutcome, TickResult } from "./tick-deps.js";

export { promptTargets, type PromptTarget } from "../core/index.js";

export { STANDUP_PROMPT_JOB, STANDUP_REMINDER_JOB, STANDUP_SUMMARY_JOB } from "./jobs.js";
export type { TickDeps, TickOutcome, TickResult } from "./tick-deps.js";
export const DEFAULT_GRACE_MINUTES = 120;
/** Standup days in a row with a blocker before the project manager hears of it directly. */
export const ESCALATE_AFTER_DAYS = 3;
/** How far back a tick looks for occurrences the process slept through. */
const LOOKBACK_HOURS = 24;

export interface RunDueOptions {
  /** Minutes after its time an occurrence is still posted (default 120). */
  graceMinutes?: number;
  /** Only this tenant's schedules (operators catching up one workspace). */
  tenantId?: TenantId;
}

export async function runDue(deps: TickDeps, at: DateTime, opts: RunDueOptions = {}): Promise<TickResult[]> {
  const grace = opts.graceMinutes ?? DEFAULT_GRACE_MINUTES;
  const now = at.toUTC();
  const results: TickResult[] = [];
  const filter = opts.tenantId !== undefined ? { tenantId: opts.tenantId } : {};
  deps = { ...deps, claims: skippingSettled(deps.claims, await settledClaims(deps.db, now, filter)) };
  const schedules = await activeStandupSchedules(deps.db, filter);
  for (const plan of await planStandups(deps.store, schedules, now, LOOKBACK_HOURS)) {
    try {
      results.push(...(await runSchedule(deps, plan, now, grace)));
    } catch (error) {
      // One broken schedule must not stop the others.
      deps.log.error("standup schedule failed", { scheduleId: plan.schedule.id, error: String(error) });
    }
  }
  results.push(...(await runReminders(deps, now, grace, filter)));
  results.push(...(await runDigests(deps, now, grace, filter)));
  return results;
}

async function runSchedule(deps: TickDeps, plan: StandupPlan, now: DateTime, grace: number): Promise<TickResult[]> {
  const { schedule, members, targets } = plan;
  const { tenantId } = schedule;
  const out: TickResult[] = [];
  let projectName: string | undefined;
  const nameOfProject = async () => (projectName ??= (await deps.store.projects.get(tenantId, schedule.projectId))?.name ?? "the project");
  for (const target of targets) {
    for (const occurrence of occurrencesBetween(target.rule, now.minus({ hours: LOOKBACK_HOURS }), now)) {
      // Set up (or resumed) after this occurrence: not due, so neither posted late nor recorded missed.
      if (beforeStart(schedule, occurrence.at)) continue;
      const slot = occurrence.localDate;
      const result = { tenantId, job: STANDUP_PROMPT_JOB, key: target.key, slot, due: occurrence.at.toISO()! };
      if (!(await deps.claims.claim(tenantId, STANDUP_PROMPT_JOB, target.key, slot, deps.worker, { now: now.toJSDate() }))) {
        out.push({ ...result, outcome: "already-claimed" });
        continue;
      }
      const finish = async (outcome: Exclude<TickOutcome, "already-claimed">, detail: string) => {
        await deps.claims.finish(tenantId, STANDUP_PROMPT_JOB, target.key, slot, outcome, detail);
        out.push({ ...result, outcome, detail });
      };
      const skippedUntil = target.memberId ? schedule.skips[target.memberId] : undefined;
      if (skippedUntil && slot <= skippedUntil) {
        await finish("skipped", `away until ${skippedUntil}`);
        continue;
      }
      const lateMinutes = now.diff(occurrence.at, "minutes").minutes;
      if (lateMinutes > grace) {
        await finish("missed", `${Math.round(lateMinutes)} min late, beyond the ${grace} min grace window`);
        continue;
      }
      try {
        projectName = await nameOfProject();
        const prompt = {
          kind: "standup-prompt",
          dedupeKey: promptDedupeKey(schedule.id, target.recipient, slot),
          reply: standupPrompt(projectName, slot, schedule.questions),
        } as const;
        // A participant is asked by DM, held through their quiet hours; the channel is asked at once.
        const member = members.find((m) => m.id === target.memberId);
        const message: OutgoingMessage = member ? directMessage(member, now, prompt) : { ...prompt, channelId: target.channelId };
        const { id, created } = await deps.outbox.enqueue(tenantId, schedule.platform, message);
        const held = message.notBefore ? `, held until ${message.notBefore.toISOString()}` : "";
        await finish("done", `${created ? "queued" : "already queued"} ${id}${held}`);
        await openStandupThread(deps, schedule, projectName, slot);
      } catch (error) {
        await finish("failed", error instanceof Error ? error.message : String(error));
      }
    }
  }
  for (const day of plan.days) out.push(...(await remindBeforeClose(deps, schedule, day, members, plan.answers, nameOfProject, now)));
  out.push(...(await runSummaries(deps, plan, now, grace)));
  return out;
}

/** Whether any of these prompts of a day was actually queued. */
async function promptedAny(deps: TickDeps, tenantId: TenantId, keys: readonly string[], date: string): Promise<boolean> {
  return (await deps.claims.findMany(tenantId, STANDUP_PROMPT_JOB, keys, date)).some((c) => c.status === "done");
}

/**
 * One summary per schedule and local date, posted to the channel when the
 * answer window closes (after the last participant's prompt) or as soon as
 * everyone asked has answered. A day whose prompts never went out and that
 * no one answered is recorded skipped, not summarised.
 */
async function runSummaries(deps: TickDeps, plan: StandupPlan, now: DateTime, grace: number): Promise<TickResult[]> {
  const { schedule, targets, members } = plan;
  const { tenantId } = schedule;
  const out: TickResult[] = [];
  for (const day of plan.days) {
    const { date, asked, closes } = day;
    const expected = members.filter((m) => asked.some((a) => a.target.memberId === m.id));
    let answers = now < closes && expected.length ? await plan.answers(date) : undefined;
    if (now < closes) {
      const answered = new Set(answers?.map((a) => a.memberId));
      if (!expected.length || !expected.every((m) => answered.has(m.id))) continue;
    }
    const key = schedule.id;
    const result = { tenantId, job: STANDUP_SUMMARY_JOB, key, slot: date, due: closes.toISO()! };
    if (!(await deps.claims.claim(tenantId, STANDUP_SUMMARY_JOB, key, date, deps.worker, { now: now.toJSDate() }))) {
      out.push({ ...result, outcome: "already-claimed" });
      continue;
    }
    const finish = async (outcome: Exclude<TickOutcome, "already-claimed">, detail: string) => {
      await deps.claims.finish(tenantId, STANDUP_SUMMARY_JOB, key, date, outcome, detail);
      out.push({ ...result, outcome, detail });
    };
    const lateMinutes = now.diff(closes, "minutes").minutes;
    if (lateMinutes > grace) {
      await finish("missed", `${Math.round(lateMinutes)} min late, beyond the ${grace} min grace window`);
      continue;
    }
    try {
      answers ??= await deps.store.standups.answers(tenantId, schedule.id, date);
      // A day no one was asked about (every prompt missed or failed) and no one answered has nothing to summarise.
      if (
        !answers.length &&
        !(await promptedAny(
          deps,
          tenantId,
          asked.map((a) => a.target.key),
          date,
        ))
      ) {
        await finish("skipped", "no prompt went out and no one answered");
        continue;
      }
      const project = await deps.store.projects.get(tenantId, schedule.projectId);
      const people = await deps.store.members.getMany(tenantId, [
        ...new Set([...answers.map((a) => a.memberId), ...(project ? [project.managerId] : [])]),
      ]);
      const byId = new Map([...members, ...people].map((m) => [m.id, m]));
      const { id, created } = await deps.outbox.enqueue(tenantId, schedule.platform, {
        channelId: schedule.channelId,
        kind: "standup-summary",
        dedupeKey: summaryDedupeKey(schedule.id, date),
        threadKey: summaryThreadKey(schedule, date),
        reply: standupSummary({
          projectName: project?.name ?? "the project",
          localDate: date,
          manager: project ? (byId.get(project.managerId) ?? null) : null,
          expected,
          answers,
          members: byId,
        }),
      });
      const manager = project ? byId.get(project.managerId) : undefined;
      if (project && manager) await escalateBlockers(deps, schedule, targets, date, answers, project.name, manager, byId, now);
      await finish("done", created ? `queued ${id}` : `already queued ${id}`);
    } catch (error) {
      await finish("failed", error instanceof Error ? error.message : String(error));
    }
  }
  return out;
}

/** DMs the project manager about each person blocked on this and the previous standup days. */
async function escalateBlockers(
  deps: TickDeps,
  schedule: StandupSchedule,
  targets: readonly PromptTarget[],
  date: string,
  answers: readonly StandupAnswer[],
  projectName: string,
  manager: Member,
  byId: ReadonlyMap<string, Member>,
  now: DateTime,
): Promise<void> {
  for (const answer of answers) {
    const member = byId.get(answer.memberId);
    const target = targets.find((t) => t.memberId === answer.memberId) ?? targets[0];
    if (!answer.blockers || !member || !target) continue;
    const days = [{ date, blockers: answer.blockers }];
    // Walk back over the person's standup days (weekends and holidays are not gaps).
    let day = DateTime.fromISO(date, { zone: target.rule.timeZone });
    for (let step = 0; step < 21 && days.length < ESCALATE_AFTER_DAYS; step++) {
      day = day.minus({ days: 1 });
      const earlier = day.toISODate()!;
      if (!occurrenceOn(target.rule, earlier)) continue;
      const previous = (await deps.store.standups.answers(schedule.tenantId, schedule.id, earlier)).find(
        (a) => a.memberId === answer.memberId,
      );
      if (!previous?.blockers) break;
      days.unshift({ date: earlier, blockers: previous.blockers });
    }
    if (days.length < ESCALATE_AFTER_DAYS) continue;
    // Held through the manager's quiet hours like every DM the bot starts.
    await deps.outbox.enqueue(
      schedule.tenantId,
      schedule.platform,
      directMessage(manager, now, {
        kind: "alert",
        dedupeKey: escalationDedupeKey(schedule.id, member.id, date),
        reply: blockerEscalation(projectName, member, days),
      }),
    );
  }
}
