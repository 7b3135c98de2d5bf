/**
 * Read-only, cross-tenant look-ups for the daily reminders: which tenants
 * have active projects, on which platform they are reached, and which of
 * their projects have change requests open long enough to be reminded of
 * (so change requests and approvers are loaded for those projects only).
 */
import { type Platform, tenantPlatform } from "../../core/index.js";
import type { Database } from "../database.js";

export interface ReminderTenant {
  tenantId: string;
  platform: Platform;
  /** Active projects with a change request still open that was requested before the cut-off, by id. */
  projectsWithOpenChanges: string[];
}

export interface ReminderTenantFilter {
  tenantId?: string;
  /** Only change requests requested before this instant count (default: any open one). */
  changesRequestedBefore?: Date;
}

/** One query for every tenant: the tenants, and with each the ids of its projects that have open change requests. */
export async function tenantsWithActiveProjects(
  db: Pick<Database, "prisma">,
  filter: ReminderTenantFilter = {},
): Promise<ReminderTenant[]> {
  const openChange = {
    status: "open",
    ...(filter.changesRequestedBefore !== undefined ? { createdAt: { lt: filter.changesRequestedBefore } } : {}),
  };
  const rows = await db.prisma.tenant.findMany({
    where: { ...(filter.tenantId !== undefined ? { id: filter.tenantId } : {}), projects: { some: { status: "active" } } },
    select: {
      id: true,
      platform: true,
      projects: { where: { status: "active", changeRequests: { some: openChange } }, select: { id: true }, orderBy: { id: "asc" } },
    },
    orderBy: { id: "asc" },
  });
  // A tenant key names its platform; the row's column only for ids from before keys (tests' opaque ids).
  return rows.map((r) => ({
    tenantId: r.id,
    platform: tenantPlatform(r.id) ?? (r.platform as Platform),
    projectsWithOpenChanges: r.projects.map((p) => p.id),
  }));
}
