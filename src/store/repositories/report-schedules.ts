/** Weekly digest schedules: one per project channel. */
import { WEEKDAYS, type Platform, type ReportSchedule, type Store, type Weekday } from "../../core/index.js";
import type { ReportSchedule as ScheduleRow } from "../../generated/sqlite/client.js";
import type { Database } from "../database.js";
import type { StoreContext } from "../client.js";
import { changeInTenant, setInProject, type RecordKind } from "../audited.js";
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

const REPORT_SCHEDULES: RecordKind<ScheduleRow, ReportSchedule> = {
  entity: "reportSchedule",
  noun: "Report schedule",
  table: (db) => db.reportSchedule,
  toRecord: toReportSchedule,
};

export function reportSchedulesRepository(ctx: StoreContext): Store["reportSchedules"] {
  const { prisma } = ctx;
  return {
    setup(scope, projectId, channelId, settings) {
      const data = { platform: settings.platform, day: settings.day, time: settings.time, timeZone: settings.timeZone, active: true };
      const where = { projectId_channelId: { projectId, channelId } };
      return setInProject(ctx, scope, projectId, {
        action: "report.schedule",
        entity: "reportSchedule",
        toRecord: toReportSchedule,
        find: (tx) => tx.reportSchedule.findUnique({ where }),
        save: (tx) =>
          tx.reportSchedule.upsert({ where, update: data, create: { tenantId: scope.tenantId, projectId, channelId, ...data } }),
      });
    },

    stop(scope, scheduleId) {
      return write(ctx, scope, (tx, audit) =>
        changeInTenant(tx, audit, REPORT_SCHEDULES, scope.tenantId, scheduleId, "report.unschedule", (row) =>
          tx.reportSchedule.update({ where: { id: row.id }, data: { active: false } }),
        ),
      );
    },

    async forChannel(tenantId, projectId, channelId) {
      const row = await prisma.reportSchedule.findFirst({ where: { tenantId, projectId, channelId } });
      return row ? toReportSchedule(row) : null;
    },

    async list(tenantId, projectId) {
      const rows = await prisma.reportSchedule.findMany({
        where: { tenantId, projectId, active: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
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
