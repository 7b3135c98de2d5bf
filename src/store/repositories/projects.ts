import { StoreConflict, type ChangePolicy, type Project, type ProjectStatus, type Store } from "../../core/index.js";
import type { Project as ProjectRow } from "../../generated/sqlite/client.js";
import type { StoreContext, Tx } from "../client.js";
import { isUniqueViolation, notFound } from "../errors.js";
import { ensureTenantRow, nameKey, requireProject } from "../guards.js";
import { write, type Audit } from "../write.js";
import { refuseOverLimit } from "../money-limit.js";
import { changeNames } from "../applied-change.js";

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    currency: row.currency,
    budgetTotal: row.budgetTotal,
    contingencyPct: row.contingencyPct,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status as ProjectStatus,
    managerId: row.managerId,
    alertChannelId: row.alertChannelId,
    changePolicy: toChangePolicy(row.changePolicy),
    createdAt: row.createdAt,
  };
}

/** Anything but "all" reads as the default, "any". */
const toChangePolicy = (value: string): ChangePolicy => (value === "all" ? "all" : "any");

/** Points the channel at the project, recording which project it pointed at before. */
async function link(tx: Tx, audit: Audit, tenantId: string, projectId: string, channelId: string): Promise<void> {
  const where = { tenantId_channelId: { tenantId, channelId } };
  const before = await tx.channelLink.findUnique({ where, select: { projectId: true } });
  await tx.channelLink.upsert({ where, update: { projectId }, create: { tenantId, channelId, projectId } });
  await audit({
    action: "project.link",
    entity: "channel",
    entityId: channelId,
    projectId,
    before: before ? { channelId, projectId: before.projectId } : null,
    after: { channelId, projectId },
  });
}

function duplicateName(name: string): StoreConflict {
  return new StoreConflict("duplicate", `A project named "${name}" already exists.`);
}

export function projectsRepository(ctx: StoreContext): Store["projects"] {
  const { prisma } = ctx;
  return {
    async create(scope, input) {
      const name = input.name.trim();
      const key = nameKey(name);
      await ensureTenantRow(ctx, scope.tenantId);
      try {
        return await write(ctx, scope, async (tx, audit) => {
          const taken = await tx.project.findFirst({ where: { tenantId: scope.tenantId, nameKey: key }, select: { id: true } });
          if (taken) throw duplicateName(name);
          if (input.budgetTotal != null) refuseOverLimit(input.budgetTotal, `${name}'s budget`, input.currency);
          const project = toProject(
            await tx.project.create({
              data: {
                tenantId: scope.tenantId,
                name,
                nameKey: key,
                currency: input.currency,
                budgetTotal: input.budgetTotal ?? null,
                startDate: input.startDate ?? null,
                endDate: input.endDate ?? null,
                managerId: scope.actorId,
              },
            }),
          );
          await audit({ action: "project.create", entity: "project", entityId: project.id, projectId: project.id, after: project });
          // The creator owns the project (only owners grant roles, so a project always starts with one);
          // the project.create event, whose actor is the creator, records it.
          await tx.projectRole.create({
            data: { tenantId: scope.tenantId, projectId: project.id, memberId: scope.actorId, role: "owner" },
          });
          if (input.linkChannelId) await link(tx, audit, scope.tenantId, project.id, input.linkChannelId);
          return project;
        });
      } catch (error) {
        // Lost a race with a concurrent create of the same name.
        if (isUniqueViolation(error) && (await prisma.project.findFirst({ where: { tenantId: scope.tenantId, nameKey: key } }))) {
          throw duplicateName(name);
        }
        throw error;
      }
    },

    async get(tenantId, id) {
      const row = await prisma.project.findFirst({ where: { id, tenantId } });
      return row ? toProject(row) : null;
    },

    async findByName(tenantId, name) {
      const row = await prisma.project.findFirst({ where: { tenantId, nameKey: nameKey(name) } });
      return row ? toProject(row) : null;
    },

    async lock(tenantId, projectId) {
      // A no-op update takes the row's lock (PostgreSQL); outside a transaction there is nothing to hold.
      if (ctx.open) await prisma.project.updateMany({ where: { id: projectId, tenantId }, data: { tenantId } });
      const row = await prisma.project.findFirst({ where: { id: projectId, tenantId } });
      if (!row) throw notFound("Project");
      return toProject(row);
    },

    async list(tenantId) {
      const rows = await prisma.project.findMany({ where: { tenantId }, orderBy: [{ nameKey: "asc" }, { id: "asc" }] });
      return rows.map(toProject);
    },

    async forChannel(tenantId, channelId) {
      const row = await prisma.project.findFirst({ where: { tenantId, channels: { some: { tenantId, channelId } } } });
      return row ? toProject(row) : null;
    },

    async channels(tenantId, projectId) {
      const rows = await prisma.channelLink.findMany({
        where: { tenantId, projectId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { channelId: true },
      });
      return rows.map((r) => r.channelId);
    },

    setAlertChannel(scope, projectId, channelId) {
      return write(ctx, scope, async (tx, audit) => {
        await requireProject(tx, scope.tenantId, projectId);
        const before = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { alertChannelId: true } });
        const after = toProject(await tx.project.update({ where: { id: projectId }, data: { alertChannelId: channelId } }));
        await audit({
          action: "project.alert-channel",
          entity: "project",
          entityId: projectId,
          projectId,
          before: { alertChannelId: before.alertChannelId },
          after: { alertChannelId: after.alertChannelId },
        });
        return after;
      });
    },

    setChangePolicy(scope, projectId, policy) {
      return write(ctx, scope, async (tx, audit) => {
        await requireProject(tx, scope.tenantId, projectId);
        const before = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { changePolicy: true } });
        const after = toProject(await tx.project.update({ where: { id: projectId }, data: { changePolicy: policy } }));
        await audit({
          action: "project.change-policy",
          entity: "project",
          entityId: projectId,
          projectId,
          before: { changePolicy: toChangePolicy(before.changePolicy) },
          after: { changePolicy: after.changePolicy },
        });
        return after;
      });
    },

    setEndDate(scope, projectId, endDate, applied) {
      return write(ctx, scope, async (tx, audit) => {
        await requireProject(tx, scope.tenantId, projectId);
        const before = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { endDate: true } });
        const after = toProject(await tx.project.update({ where: { id: projectId }, data: { endDate } }));
        await audit({
          action: "change.apply-schedule",
          entity: "project",
          entityId: projectId,
          projectId,
          before: { endDate: before.endDate },
          after: { endDate, days: applied.days, ...changeNames(applied.change) },
        });
        return after;
      });
    },

    async linkChannel(scope, projectId, channelId) {
      await write(
        ctx,
        scope,
        async (tx, audit) => {
          await requireProject(tx, scope.tenantId, projectId);
          await link(tx, audit, scope.tenantId, projectId, channelId);
        },
        // Two links of a new channel at once: the retry finds the other's row and re-links it.
        { retryOnUnique: true },
      );
    },
  };
}
