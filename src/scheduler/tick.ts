/**
 * One scheduler tick: every standup prompt that fell due up to `at` is
 * claimed (JobRun unique (job, key, slot)) and only the claimant posts it,
 * so any number of processes or repeated runs post each prompt once.
 * Occurrences the process slept through are posted late within the grace
 * window and recorded as missed beyond it, never posted late.
 */
import { DateTime } from "luxon";
import type { Logger, TenantId } from "../core/context.js";
import type { Member, StandupAnswer, StandupSchedule, Store } from "../core/store.js";
import { promptDedupeKey, standupPrompt } from "../core/commands/standup/prompt.js";
import { blockerEscalation, escalationDedupeKey, standupSummary, summaryDedupeKey } from "../core/commands/standup/summary.js";
import type { OutboxPlatform, OutboxQueue } from "../outbox/notifier.js";
import type { Database } from "../store/database.js";
import type { ClaimsRepository } from "../store/repositories/claims.js";
import { activeStandupSchedules } from "../store/repositories/standups.js";
import { occurrenceOn, occurrencesBetween } from "../core/domain/schedule/occurrences.js";
import { promptTargets, type PromptTarget } from "../core/domain/schedule/prompt-targets.js";
import { runReminders } from "./reminders.js";
import { runDigests } from "./digest-tick.js";

export { promptTargets, type PromptTarget } from "../core/domain/schedule/prompt-targets.js";

export const STANDUP_PROMPT_JOB = "standup-prompt";
export const STANDUP_SUMMARY_JOB = "standup-summary";
export const DEFAULT_GRACE_MINUTES = 120;
/** Standup days in a row with a blocker before the project manager hears of it directly. */
export const ESCALATE_AFTER_DAYS = 3;
/** How far back a tick looks for occurrences the process slept through. */
const LOOKBACK_HOURS = 24;

export interface TickDeps {
  db: Pick<Database, "prisma">;
  store: Store;
  claims: ClaimsRepository;
  outbox: OutboxQueue;
  log: Logger;
  /** Written to JobRun.claimedBy: which process did the work. */
  worker?: string;
}

export type TickOutcome = "done" | "missed" | "skipped" | "failed" | "already-claimed";

export interface TickResult {
  tenantId: TenantId;
  job: string;
  key: string;
  slot: string;
  /** The occurrence's instant (UTC ISO). */
  due: string;
  outcome: TickOutcome;
  detail?: string;
}

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
  for (const schedule of await activeStandupSchedules(deps.db, filter)) {
    try {
      results.push(...(await runSchedule(deps, schedule, now, grace)));
    } catch (error) {
      // One broken schedule must not stop the others.
      deps.log.error("standup schedule failed", { scheduleId: schedule.id, error: String(error) });
    }
  }
  results.push(...(await runReminders(deps, now, grace, filter)));
  results.push(...(await runDigests(deps, now, grace, filter)));
  return results;
}

async function runSchedule(deps: TickDeps, schedule: StandupSchedule, now: DateTime, grace: number): Promise<TickResult[]> {
  const { tenantId } = schedule;
  const members = await deps.store.members.getMany(tenantId, schedule.participants);
  const out: TickResult[] = [];
  let projectName: string | undefined;
  const targets = promptTargets(schedule, members);
  for (const target of targets) {
    for (const occurrence of occurrencesBetween(target.rule, now.minus({ hours: LOOKBACK_HOURS }), now)) {
      const slot = occurrence.localDate;
      const result = { tenantId, job: STANDUP_PROMPT_JOB, key: target.key, slot, due: occurrence.at.toISO()! };
      if (!(await deps.claims.claim(tenantId, STANDUP_PROMPT_JOB, target.key, slot, deps.worker))) {
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
        projectName ??= (await deps.store.projects.get(tenantId, schedule.projectId))?.name ?? "the project";
        const { id, created } = await deps.outbox.enqueue(tenantId, schedule.platform as OutboxPlatform, {
          channelId: target.channelId,
          kind: "standup-prompt",
          dedupeKey: promptDedupeKey(schedule.id, target.recipient, slot),
          reply: standupPrompt(projectName, slot, schedule.questions),
        });
        await finish("done", created ? `queued ${id}` : `already queued ${id}`);
      } catch (error) {
        await finish("failed", error instanceof Error ? error.message : String(error));
      }
    }
  }
  out.push(...(await runSummaries(deps, schedule, targets, members, now, grace)));
  return out;
}

/**
 * One summary per schedule and local date, posted to the channel when the
 * answer window closes (after the last participant's prompt) or as soon as
 * everyone asked has answered.
 */
async function runSummaries(
  deps: TickDeps,
  schedule: StandupSchedule,
  targets: readonly PromptTarget[],
  members: readonly Member[],
  now: DateTime,
  grace: number,
): Promise<TickResult[]> {
  const { tenantId } = schedule;
  const out: TickResult[] = [];
  const dates = new Set<string>();
  for (const target of targets) {
    for (const o of occurrencesBetween(target.rule, now.minus({ hours: LOOKBACK_HOURS, minutes: schedule.windowMinutes }), now)) dates.add(o.localDate);
  }
  for (const date of [...dates].sort()) {
    const asked = targets.flatMap((target) => {
      const o = occurrenceOn(target.rule, date);
      const away = target.memberId ? schedule.skips[target.memberId] : undefined;
      return o && !(away && date <= away) ? [{ target, at: o.at }] : [];
    });
    if (!asked.length) continue;
    const closes = asked.reduce((latest, a) => (a.at > latest ? a.at : latest), asked[0]!.at).plus({ minutes: schedule.windowMinutes });
    const expected = members.filter((m) => asked.some((a) => a.target.memberId === m.id));
    let answers = now < closes && expected.length ? await deps.store.standups.answers(tenantId, schedule.id, date) : undefined;
    if (now < closes) {
      const answered = new Set(answers?.map((a) => a.memberId));
      if (!expected.length || !expected.every((m) => answered.has(m.id))) continue;
    }
    const key = schedule.id;
    const result = { tenantId, job: STANDUP_SUMMARY_JOB, key, slot: date, due: closes.toISO()! };
    if (!(await deps.claims.claim(tenantId, STANDUP_SUMMARY_JOB, key, date, deps.worker))) {
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
      const project = await deps.store.projects.get(tenantId, schedule.projectId);
      const people = await deps.store.members.getMany(tenantId, [...new Set([...answers.map((a) => a.memberId), ...(project ? [project.managerId] : [])])]);
      const byId = new Map([...members, ...people].map((m) => [m.id, m]));
      const { id, created } = await deps.outbox.enqueue(tenantId, schedule.platform as OutboxPlatform, {
        channelId: schedule.channelId,
        kind: "standup-summary",
        dedupeKey: summaryDedupeKey(schedule.id, date),
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
      if (project && manager) await escalateBlockers(deps, schedule, targets, date, answers, project.name, manager, byId);
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
      const previous = (await deps.store.standups.answers(schedule.tenantId, schedule.id, earlier)).find((a) => a.memberId === answer.memberId);
      if (!previous?.blockers) break;
      days.unshift({ date: earlier, blockers: previous.blockers });
    }
    if (days.length < ESCALATE_AFTER_DAYS) continue;
    await deps.outbox.enqueue(schedule.tenantId, schedule.platform as OutboxPlatform, {
      channelId: manager.platformUserId,
      kind: "alert",
      dedupeKey: escalationDedupeKey(schedule.id, member.id, date),
      reply: blockerEscalation(projectName, member, days),
    });
  }
}
