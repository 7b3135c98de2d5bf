/**
 * Roles per project (owner, manager). The core checks them before a command
 * runs; the writes that matter most (roles, close, reopen, charter approval)
 * check them again here, inside their transaction, so a role revoked a moment
 * earlier is honoured.
 */
import { NotAllowed, StoreConflict, type ProjectRole, type ProjectRoleName, type Store } from "../../core/store.js";
import type { ProjectRole as ProjectRoleRow } from "../../generated/sqlite/client.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { requireMember } from "../guards.js";
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

async function rolesIn(tx: Tx, tenantId: string, projectId: string): Promise<ProjectRole[]> {
  const rows = await tx.projectRole.findMany({ where: { tenantId, projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toProjectRole).sort(byRank);
}

export interface Authority {
  /** The actor's role on the project, if any. */
  role: ProjectRoleName | null;
  /** A workspace admin may do everything. */
  admin: boolean;
  roles: ProjectRole[];
}

export async function authorityIn(tx: Tx, tenantId: string, projectId: string, actorId: string): Promise<Authority> {
  const [roles, member] = await Promise.all([
    rolesIn(tx, tenantId, projectId),
    tx.member.findFirst({ where: { id: actorId, tenantId }, select: { role: true } }),
  ]);
  return { roles, role: roles.find((r) => r.memberId === actorId)?.role ?? null, admin: member?.role === "admin" };
}

/** Fails with NotAllowed unless the actor is an owner or manager of the project (or an admin). */
export async function requireManager(tx: Tx, tenantId: string, project: { id: string; name: string }, actorId: string, action: string): Promise<void> {
  const authority = await authorityIn(tx, tenantId, project.id, actorId);
  if (authority.admin || authority.role !== null) return;
  throw new NotAllowed(`Only ${project.name}'s owners and managers can ${action}.`, authority.roles.map((r) => r.memberId));
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
          const { tenantId, actorId } = scope;
          // Locks the project row (PostgreSQL) so two owners demoting each other at once cannot both succeed.
          const { count } = await tx.project.updateMany({ where: { id: projectId, tenantId }, data: { tenantId } });
          if (count === 0) throw notFound("Project");
          const project = await tx.project.findFirstOrThrow({ where: { id: projectId, tenantId }, select: { id: true, name: true } });
          await requireMember(tx, tenantId, memberId);
          const authority = await authorityIn(tx, tenantId, projectId, actorId);
          if (!authority.admin && authority.role !== "owner") {
            throw new NotAllowed(
              `Only ${project.name}'s owners can give or take away roles.`,
              authority.roles.filter((r) => r.role === "owner").map((r) => r.memberId),
            );
          }
          const before = authority.roles.find((r) => r.memberId === memberId)?.role ?? null;
          if (before === role) return { before, after: role };
          const owners = authority.roles.filter((r) => r.role === "owner");
          if (before === "owner" && owners.length === 1) {
            throw new StoreConflict("duplicate", `${project.name} needs at least one owner: make someone else an owner first.`);
          }
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
