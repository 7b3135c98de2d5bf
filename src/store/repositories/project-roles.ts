/**
 * Roles per project (owner, manager). Who may change them, and that a project
 * keeps an owner, are core rules (core/authorization.ts), checked in the
 * transaction that writes the change.
 */
import type { ProjectRole, ProjectRoleName, Store } from "../../core/index.js";
import type { ProjectRole as ProjectRoleRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { requireMember, requireProject } from "../guards.js";
import { write } from "../write.js";

const toRoleName = (value: string): ProjectRoleName => (value === "owner" ? "owner" : "manager");

function toProjectRole(row: ProjectRoleRow): ProjectRole {
  return { projectId: row.projectId, memberId: row.memberId, role: toRoleName(row.role), createdAt: row.createdAt };
}

/** Owners first, then managers; oldest grant first within each. */
function byRank(a: ProjectRole, b: ProjectRole): number {
  if (a.role !== b.role) return a.role === "owner" ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

export function projectRolesRepository(ctx: StoreContext): Store["roles"] {
  const { prisma } = ctx;
  return {
    async list(tenantId, projectId) {
      const rows = await prisma.projectRole.findMany({ where: { tenantId, projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toProjectRole).sort(byRank);
    },

    set(scope, projectId, memberId, role) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, memberId);
          const row = await tx.projectRole.findFirst({ where: { tenantId, projectId, memberId }, select: { role: true } });
          const before = row ? toRoleName(row.role) : null;
          if (before === role) return { before, after: role };
          const where = { projectId_memberId: { projectId, memberId } };
          if (role === null) await tx.projectRole.delete({ where });
          else await tx.projectRole.upsert({ where, update: { role }, create: { tenantId, projectId, memberId, role } });
          await audit({
            action: role === null ? "project.role.remove" : "project.role.set",
            entity: "project-role",
            entityId: memberId,
            projectId,
            before: before ? { memberId, role: before } : null,
            after: role ? { memberId, role } : null,
          });
          return { before, after: role };
        },
        // A concurrent grant to the same member: the retry sees its row and updates it.
        { retryOnUnique: true },
      );
    },
  };
}
