/**
 * Standup schedules: one per project channel, with their per-person skips.
 * List fields (days, participants, holidays, questions) are stored as text.
 */
import { WEEKDAYS, type Platform, type StandupAnswer, type StandupSchedule, type Store, type Weekday } from "../../core/index.js";
import type { StandupAnswer as AnswerRow, StandupSchedule as ScheduleRow, StandupSkip as SkipRow } from "../../generated/sqlite/client.js";
import type { Database } from "../database.js";
import type { StoreContext } from "../client.js";
import { setInProject } from "../audited.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";

function stringList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function toStandupSchedule(row: ScheduleRow & { skips?: SkipRow[] }): StandupSchedule {
  return {
    id: row.id,
    tenantId: row.tenantId,
    projectId: row.projectId,
    channelId: row.channelId,
    platform: row.platform as Platform,
    days: row.days.split(",").filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)),
    time: row.time,
    timeZone: row.timeZone,
    participants: stringList(row.participants),
    skipUntil: row.skipUntil,
    holidays: stringList(row.holidays),
    questions: stringList(row.questions),
    windowMinutes: row.windowMinutes,
    perParticipantZones: row.perParticipantZones,
    remindBeforeClose: row.remindBeforeClose,
    activeFrom: row.activeFrom,
    active: row.active,
    skips: Object.fromEntries((row.skips ?? []).map((s) => [s.memberId, s.until])),
  };
}

const withSkips = { skips: true } as const;

function toAnswer(row: AnswerRow): StandupAnswer {
  return { memberId: row.memberId, yesterday: row.yesterday, today: row.today, blockers: row.blockers, answeredAt: row.createdAt };
}

export function standupsRepository(ctx: StoreContext): Store["standups"] {
  const { prisma } = ctx;
  return {
    setup(scope, projectId, channelId, settings) {
      const data = {
        platform: settings.platform,
        days: settings.days.join(","),
        time: settings.time,
        timeZone: settings.timeZone,
        participants: JSON.stringify(settings.participants),
        active: true,
        ...(settings.holidays !== undefined ? { holidays: JSON.stringify(settings.holidays) } : {}),
        ...(settings.questions !== undefined ? { questions: JSON.stringify(settings.questions) } : {}),
        ...(settings.windowMinutes !== undefined ? { windowMinutes: settings.windowMinutes } : {}),
        ...(settings.perParticipantZones !== undefined ? { perParticipantZones: settings.perParticipantZones } : {}),
        ...(settings.skipUntil !== undefined ? { skipUntil: settings.skipUntil } : {}),
        ...(settings.remindBeforeClose !== undefined ? { remindBeforeClose: settings.remindBeforeClose } : {}),
      };
      const where = { projectId_channelId: { projectId, channelId } };
      return setInProject(ctx, scope, projectId, {
        action: "standup.setup",
        entity: "standupSchedule",
        toRecord: toStandupSchedule,
        find: (tx) => tx.standupSchedule.findUnique({ where, include: withSkips }),
        save(tx, previous) {
          // activeFrom starts a new or stopped schedule; a running one keeps its own, so
          // changing it mid-day keeps the day whose prompts already went out.
          const starts = settings.activeFrom !== undefined && !previous?.active ? { activeFrom: settings.activeFrom } : {};
          return tx.standupSchedule.upsert({
            where,
            update: { ...data, ...starts },
            create: { tenantId: scope.tenantId, projectId, channelId, ...data, ...starts },
            include: withSkips,
          });
        },
      });
    },

    async get(tenantId, id) {
      const row = await prisma.standupSchedule.findFirst({ where: { tenantId, id }, include: withSkips });
      return row ? toStandupSchedule(row) : null;
    },

    async forChannel(tenantId, projectId, channelId) {
      const row = await prisma.standupSchedule.findFirst({ where: { tenantId, projectId, channelId }, include: withSkips });
      return row ? toStandupSchedule(row) : null;
    },

    async list(tenantId, projectId) {
      const rows = await prisma.standupSchedule.findMany({
        where: { tenantId, projectId, active: true },
        include: withSkips,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toStandupSchedule);
    },

    stop(scope, scheduleId) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const previous = await tx.standupSchedule.findFirst({ where: { tenantId, id: scheduleId }, include: withSkips });
        if (!previous) throw notFound("Standup");
        const row = await tx.standupSchedule.update({ where: { id: previous.id }, data: { active: false }, include: withSkips });
        const schedule = toStandupSchedule(row);
        await audit({
          action: "standup.stop",
          entity: "standupSchedule",
          entityId: schedule.id,
          projectId: schedule.projectId,
          before: toStandupSchedule(previous),
          after: schedule,
        });
        return schedule;
      });
    },

    skip(scope, scheduleId, memberId, until) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          const schedule = await tx.standupSchedule.findFirst({
            where: { tenantId, id: scheduleId },
            select: { id: true, projectId: true },
          });
          if (!schedule) throw notFound("Standup");
          const row = await tx.standupSkip.upsert({
            where: { scheduleId_memberId: { scheduleId, memberId } },
            update: { until },
            create: { tenantId, scheduleId, memberId, until },
          });
          await audit({
            action: "standup.skip",
            entity: "standupSkip",
            entityId: row.id,
            projectId: schedule.projectId,
            after: { memberId, until },
          });
        },
        { retryOnUnique: true },
      );
    },

    answer(scope, scheduleId, slot, input) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId, actorId: memberId } = scope;
          const schedule = await tx.standupSchedule.findFirst({
            where: { tenantId, id: scheduleId },
            select: { id: true, projectId: true },
          });
          if (!schedule) throw notFound("Standup");
          const run = await tx.standupRun.upsert({
            where: { scheduleId_slot: { scheduleId, slot } },
            update: {},
            create: { tenantId, scheduleId, slot },
          });
          const parts = {
            ...(input.yesterday !== undefined ? { yesterday: input.yesterday } : {}),
            ...(input.today !== undefined ? { today: input.today } : {}),
            ...(input.blockers !== undefined ? { blockers: input.blockers } : {}),
          };
          const row = await tx.standupAnswer.upsert({
            where: { runId_memberId: { runId: run.id, memberId } },
            update: parts,
            create: { tenantId, runId: run.id, memberId, ...parts },
          });
          const answer = toAnswer(row);
          await audit({
            action: "standup.answer",
            entity: "standupAnswer",
            entityId: row.id,
            projectId: schedule.projectId,
            after: { slot, ...answer },
          });
          return answer;
        },
        { retryOnUnique: true },
      );
    },

    async answers(tenantId, scheduleId, slot) {
      const rows = await prisma.standupAnswer.findMany({
        where: { tenantId, run: { scheduleId, slot } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toAnswer);
    },

    async answersOfDays(tenantId, days) {
      const wanted = new Set(days.map((d) => `${d.scheduleId}|${d.slot}`));
      const byDay = new Map<string, StandupAnswer[]>();
      const scheduleIds = [...new Set(days.map((d) => d.scheduleId))];
      const slots = [...new Set(days.map((d) => d.slot))];
      // In chunks: one statement may carry only so many parameters.
      for (let i = 0; i < scheduleIds.length; i += 5_000) {
        const rows = await prisma.standupAnswer.findMany({
          where: { tenantId, run: { tenantId, scheduleId: { in: scheduleIds.slice(i, i + 5_000) }, slot: { in: slots } } },
          include: { run: { select: { scheduleId: true, slot: true } } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
        for (const row of rows) {
          const key = `${row.run.scheduleId}|${row.run.slot}`;
          if (!wanted.has(key)) continue;
          const answers = byDay.get(key) ?? [];
          answers.push(toAnswer(row));
          byDay.set(key, answers);
        }
      }
      return byDay;
    },

    async answersBetween(tenantId, projectId, range) {
      const rows = await prisma.standupAnswer.findMany({
        where: { tenantId, run: { tenantId, slot: { gte: range.from, lte: range.to }, schedule: { projectId } } },
        include: { run: { select: { scheduleId: true, slot: true } } },
        orderBy: [{ run: { slot: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({ ...toAnswer(row), scheduleId: row.run.scheduleId, slot: row.run.slot }));
    },

    async history(tenantId, scheduleId, range) {
      const runs = await prisma.standupRun.findMany({
        where: { tenantId, scheduleId, slot: { gte: range.from, lte: range.to } },
        include: { answers: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
        orderBy: { slot: "asc" },
      });
      return runs.map((run) => ({ slot: run.slot, answers: run.answers.map(toAnswer) }));
    },
  };
}

/**
 * Every tenant's active schedules of active (not closed) projects: what the scheduler walks on each tick.
 * Deliberately outside the tenant-scoped Store port, like the job claims.
 */
export async function activeStandupSchedules(db: Pick<Database, "prisma">, filter: { tenantId?: string } = {}): Promise<StandupSchedule[]> {
  // A closed (archived) project has no scheduled work until it is reopened.
  const where = { active: true, project: { status: "active" }, ...(filter.tenantId !== undefined ? { tenantId: filter.tenantId } : {}) };
  const rows = await db.prisma.standupSchedule.findMany({ where, include: withSkips, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toStandupSchedule);
}
