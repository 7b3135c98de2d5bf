/**
 * Read-only, cross-tenant look-ups for the daily overdue reminders: which
 * tenants have active projects, and on which platform they are reached.
 */
import type { Platform } from "../../core/store.js";
import type { Database } from "../database.js";

export interface ReminderTenant {
  tenantId: string;
  platform: Platform;
}

export async function tenantsWithActiveProjects(db: Pick<Database, "prisma">, filter: { tenantId?: string } = {}): Promise<ReminderTenant[]> {
  const rows = await db.prisma.tenant.findMany({
    where: { ...(filter.tenantId !== undefined ? { id: filter.tenantId } : {}), projects: { some: { status: "active" } } },
    select: { id: true, platform: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ tenantId: r.id, platform: r.platform as Platform }));
}
