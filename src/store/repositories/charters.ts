/**
 * The project charter, versioned: every save is a new CharterVersion (the
 * content as JSON); approvals name the version approved. An approved change
 * request's scope item is saved as the next version too, in the same
 * numbering, its audit event naming the request. Who may approve is the
 * core's rule (core/authorization.ts).
 */
import { StoreConflict, type CharterApproval, type CharterVersion, type Store, charterScope } from "../../core/index.js";
import type { CharterApproval as ApprovalRow, CharterVersion as VersionRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { notFound } from "../errors.js";
import { requireProject } from "../guards.js";
import { write } from "../write.js";
import { changeNames } from "../applied-change.js";

const WITH_APPROVALS = { approvals: { orderBy: [{ approvedAt: "asc" as const }, { id: "asc" as const }] } };

function parseContent(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const toApproval = (row: ApprovalRow): CharterApproval => ({ memberId: row.memberId, approvedAt: row.approvedAt });

export function toCharterVersion(row: VersionRow & { approvals: ApprovalRow[] }): CharterVersion {
  return {
    id: row.id,
    projectId: row.projectId,
    version: row.version,
    content: parseContent(row.content),
    createdById: row.createdById,
    createdAt: row.createdAt,
    approvals: row.approvals.map(toApproval),
  };
}

export function chartersRepository(ctx: StoreContext): Store["charters"] {
  const { prisma } = ctx;
  return {
    save(scope, projectId, content, at, applied) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          const latest = await tx.charterVersion.findFirst({
            where: { tenantId, projectId },
            orderBy: { version: "desc" },
            select: { version: true, content: true },
          });
          const charter = toCharterVersion(
            await tx.charterVersion.create({
              data: {
                tenantId,
                projectId,
                version: (latest?.version ?? 0) + 1,
                content: JSON.stringify(content),
                createdById: scope.actorId,
                createdAt: at,
              },
              include: WITH_APPROVALS,
            }),
          );
          if (applied) {
            await audit({
              action: "change.apply-scope",
              entity: "charter",
              entityId: charter.id,
              projectId,
              before: latest ? { version: latest.version, scope: charterScope(parseContent(latest.content)) } : null,
              after: { version: charter.version, scope: charterScope(content), added: applied.added, ...changeNames(applied.change) },
            });
          } else {
            await audit({
              action: "charter.save",
              entity: "charter",
              entityId: charter.id,
              projectId,
              before: latest ? { version: latest.version } : null,
              after: { version: charter.version, content },
            });
          }
          return charter;
        },
        // A change request approved at the same moment took the number: save again as the next one.
        { retryOnUnique: true },
      );
    },

    async latest(tenantId, projectId) {
      const row = await prisma.charterVersion.findFirst({
        where: { tenantId, projectId },
        orderBy: { version: "desc" },
        include: WITH_APPROVALS,
      });
      return row ? toCharterVersion(row) : null;
    },

    async version(tenantId, projectId, version) {
      const row = await prisma.charterVersion.findFirst({ where: { tenantId, projectId, version }, include: WITH_APPROVALS });
      return row ? toCharterVersion(row) : null;
    },

    approve(scope, projectId, version, at) {
      return write(
        ctx,
        scope,
        async (tx, audit) => {
          const { tenantId, actorId } = scope;
          const project = await tx.project.findFirst({ where: { id: projectId, tenantId }, select: { id: true, name: true } });
          if (!project) throw notFound("Project");
          const row = await tx.charterVersion.findFirst({ where: { tenantId, projectId, version }, select: { id: true } });
          if (!row) throw new StoreConflict("not_found", `${project.name}'s charter has no version ${version}.`);
          const latest = await tx.charterVersion.findFirst({
            where: { tenantId, projectId },
            orderBy: { version: "desc" },
            select: { version: true },
          });
          const existing = await tx.charterApproval.findFirst({
            where: { tenantId, charterVersionId: row.id, memberId: actorId },
            select: { id: true },
          });
          if (!existing) {
            await tx.charterApproval.create({ data: { tenantId, charterVersionId: row.id, memberId: actorId, approvedAt: at } });
            await audit({
              action: "charter.approve",
              entity: "charter",
              entityId: row.id,
              projectId,
              after: { version, memberId: actorId, approvedAt: at, latest: latest?.version ?? version },
            });
          }
          const charter = toCharterVersion(await tx.charterVersion.findUniqueOrThrow({ where: { id: row.id }, include: WITH_APPROVALS }));
          return { charter, created: !existing, latest: latest?.version ?? version };
        },
        // Two approvals by the same person at once: the retry finds the first.
        { retryOnUnique: true },
      );
    },
  };
}
