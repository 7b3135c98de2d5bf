import type { AuditEvent, Store } from "../../core/index.js";
import type { AuditEvent as AuditRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { fromAuditJson } from "../json.js";

const DEFAULT_LIMIT = 100;

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    tenantId: row.tenantId,
    projectId: row.projectId,
    actorId: row.actorId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: fromAuditJson(row.before),
    after: fromAuditJson(row.after),
    at: row.at,
  };
}

export function auditRepository(ctx: StoreContext): Store["audit"] {
  return {
    async list(tenantId, filter = {}) {
      const rows = await ctx.prisma.auditEvent.findMany({
        where: { tenantId, ...(filter.projectId !== undefined ? { projectId: filter.projectId } : {}) },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: Math.max(1, filter.limit ?? DEFAULT_LIMIT),
      });
      return rows.map(toAuditEvent);
    },
  };
}
