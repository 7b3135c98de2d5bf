/** Weekly digest schedules: one per project channel. */
import { WEEKDAYS, type Platform, type ReportSchedule, type Store, type Weekday } from "../../core/store.js";
import type { ReportSchedule as ScheduleRow } from "../../generated/sqlite/client.js";
import type { Database } from "../database.js";
import type { StoreContext } from "../client.js";
import { requireProject } from "../guards.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";

export function toReportSchedule(row: ScheduleRow): ReportSchedule {
  // An unreadable day falls back to Friday, the documented default, rather than dropping the schedule.
  const day = (WEEKDAYS as readonly string[]).includes(row.day) ? (row.day as Weekday) : "fri";
  return {
    id: row.id,
    tenantId: row.tenantId,
    projectId: row.projectId,
    channelId: row.channelId,
    platform: row.platform as Platform,
    day,
    time: row.time,
    timeZone: row.timeZone,
    active: row.active,
  };
}

export function reportSchedulesRepository(ctx: StoreContext): Store["reportSchedules"] {
  const { prisma } = ctx;
  return {
    setup(scope, projectId, channelId, settings) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          const data = { platform: settings.platform, day: settings.day, time: settings.time, timeZone: settings.timeZone, active: true };
          const where = { projectId_channelId: { projectId, channelId } };
          const previous = await tx.reportSchedule.findUnique({ where });
          const row = await tx.reportSchedule.upsert({ where, update: data, create: { tenantId, projectId, channelId, ...data } });
          const schedule = toReportSchedule(row);
          await audit({
            action: "report.schedule",
            entity: "reportSchedule",
            entityId: schedule.id,
            projectId,
            before: previous ? toReportSchedule(previous) : null,
            after: schedule,
          });
          return schedule;
        },
        { retryOnUnique: true },
      );
    },

    stop(scope, scheduleId) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId } = scope;
        const previous = await tx.reportSchedule.findFirst({ where: { tenantId, id: scheduleId } });
        if (!previous) throw notFound("Report schedule");
        const schedule = toReportSchedule(await tx.reportSchedule.update({ where: { id: previous.id }, data: { active: false } }));
        await audit({
          action: "report.unschedule",
          entity: "reportSchedule",
          entityId: schedule.id,
          projectId: schedule.projectId,
          before: toReportSchedule(previous),
          after: schedule,
        });
        return schedule;
      });
    },

    async forChannel(tenantId, projectId, channelId) {
      const row = await prisma.reportSchedule.findFirst({ where: { tenantId, projectId, channelId } });
      return row ? toReportSchedule(row) : null;
    },

    async list(tenantId, projectId) {
      const rows = await prisma.reportSchedule.findMany({ where: { tenantId, projectId, active: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toReportSchedule);
    },
  };
}

/** Every tenant's active digest schedules of active (not closed) projects, for the scheduler; outside the tenant-scoped port like the standups'. */
export async function activeReportSchedules(db: Pick<Database, "prisma">, filter: { tenantId?: string } = {}): Promise<ReportSchedule[]> {
  // A closed (archived) project has no scheduled work until it is reopened.
  const where = { active: true, project: { status: "active" }, ...(filter.tenantId !== undefined ? { tenantId: filter.tenantId } : {}) };
  const rows = await db.prisma.reportSchedule.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toReportSchedule);
}
