import type { Member, MemberRole, Store } from "../../core/index.js";
import type { Member as MemberRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { ensureTenantRow } from "../guards.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    tenantId: row.tenantId,
    platformUserId: row.platformUserId,
    name: row.name,
    timeZone: row.timeZone,
    role: row.role as MemberRole,
    quietHours: row.quietHours,
  };
}

export function membersRepository(ctx: StoreContext): Store["members"] {
  const { prisma } = ctx;

  // Called for every incoming command: a read when nothing changed, a write only when needed.
  async function findOrUpdate(tenantId: string, user: Parameters<Store["members"]["ensure"]>[1], rename: boolean): Promise<Member | null> {
    const key = { tenantId_platformUserId: { tenantId, platformUserId: user.platformUserId } };
    const existing = await prisma.member.findUnique({ where: key });
    if (!existing) return null;
    const changes: { name?: string; timeZone?: string | null } = {};
    if (rename && user.name !== undefined && user.name !== existing.name) changes.name = user.name;
    if (user.timeZone !== undefined && user.timeZone !== existing.timeZone) changes.timeZone = user.timeZone;
    if (Object.keys(changes).length === 0) return toMember(existing);
    return toMember(await prisma.member.update({ where: key, data: changes }));
  }

  return {
    async ensure(tenantId, user, options) {
      const rename = options?.rename ?? true;
      const found = await findOrUpdate(tenantId, user, rename);
      if (found) return found;
      await ensureTenantRow(ctx, tenantId);
      try {
        const row = await prisma.member.create({
          data: {
            tenantId,
            platformUserId: user.platformUserId,
            name: user.name ?? user.platformUserId,
            timeZone: user.timeZone ?? null,
          },
        });
        return toMember(row);
      } catch (error) {
        // Two first messages from the same person at once: the other insert won.
        if (!isUniqueViolation(error)) throw error;
        const member = await findOrUpdate(tenantId, user, rename);
        if (!member) throw error;
        return member;
      }
    },

    async get(tenantId, id) {
      const row = await prisma.member.findFirst({ where: { id, tenantId } });
      return row ? toMember(row) : null;
    },

    setQuietHours(scope, quietHours) {
      return write(ctx, scope, async (tx, audit) => {
        const before = await tx.member.findFirst({ where: { id: scope.actorId, tenantId: scope.tenantId } });
        if (!before) throw notFound("Member");
        const after = await tx.member.update({ where: { id: before.id }, data: { quietHours } });
        await audit({
          action: "member.quiet-hours",
          entity: "member",
          entityId: before.id,
          projectId: null,
          before: { quietHours: before.quietHours },
          after: { quietHours: after.quietHours },
        });
        return toMember(after);
      });
    },

    async getMany(tenantId, ids) {
      if (ids.length === 0) return [];
      const rows = await prisma.member.findMany({ where: { tenantId, id: { in: [...new Set(ids)] } } });
      // In the order asked for.
      const order = new Map<string, number>();
      ids.forEach((id, i) => order.has(id) || order.set(id, i));
      return rows.map(toMember).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },
  };
}
