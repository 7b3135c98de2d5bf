/**
 * Closing a project: the post-mortem and the final report are stored and the
 * project becomes "closed" (archived, read-only) in one transaction with its
 * AuditEvent; reopening makes it active again. Only the project's owners and
 * managers (and workspace admins) do either.
 * A project closed again after a reopen replaces its CloseOut (one per
 * project); the audit log keeps every close with what it stored.
 */
import { StoreConflict, type CloseOut, type PostMortem, type Store } from "../../core/store.js";
import type { CloseOut as CloseOutRow } from "../../generated/sqlite/client.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";
import { requireManager } from "./project-roles.js";
import { toProject } from "./projects.js";

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

function toPostMortem(value: unknown): PostMortem {
  const v = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return { wentWell: strings(v.wentWell), didNotGoWell: strings(v.didNotGoWell), lessons: strings(v.lessons), followUps: strings(v.followUps) };
}

function toCloseOut(row: CloseOutRow): CloseOut {
  return {
    id: row.id,
    projectId: row.projectId,
    postMortem: toPostMortem(parse(row.postMortem)),
    finalReport: parse(row.finalReport),
    closedById: row.closedById,
    closedAt: row.createdAt,
  };
}

/** The project row, locked for this transaction (PostgreSQL; SQLite writers are serialised by `write`). */
async function lockedProject(tx: Tx, tenantId: string, projectId: string) {
  const { count } = await tx.project.updateMany({ where: { id: projectId, tenantId }, data: { tenantId } });
  if (count === 0) throw notFound("Project");
  return tx.project.findFirstOrThrow({ where: { id: projectId, tenantId } });
}

export function closeOutsRepository(ctx: StoreContext): Store["closeOuts"] {
  const { prisma } = ctx;
  return {
    close(scope, projectId, input) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId, actorId } = scope;
        const project = await lockedProject(tx, tenantId, projectId);
        await requireManager(tx, tenantId, project, actorId, "close it");
        if (project.status === "closed") throw new StoreConflict("duplicate", `${project.name} is closed already.`);
        const data = {
          postMortem: JSON.stringify(input.postMortem),
          finalReport: JSON.stringify(input.finalReport),
          closedById: actorId,
          createdAt: input.at,
        };
        const closeOut = toCloseOut(
          await tx.closeOut.upsert({ where: { projectId }, update: data, create: { tenantId, projectId, ...data } }),
        );
        await tx.project.update({ where: { id: projectId, tenantId }, data: { status: "closed", closedAt: input.at } });
        await audit({
          action: "project.close",
          entity: "project",
          entityId: projectId,
          projectId,
          before: { status: project.status, closedAt: project.closedAt },
          after: { status: "closed", closedAt: input.at, postMortem: closeOut.postMortem, finalReport: closeOut.finalReport },
        });
        return closeOut;
      });
    },

    async get(tenantId, projectId) {
      const row = await prisma.closeOut.findFirst({ where: { tenantId, projectId } });
      return row ? toCloseOut(row) : null;
    },

    reopen(scope, projectId, at) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId, actorId } = scope;
        const project = await lockedProject(tx, tenantId, projectId);
        await requireManager(tx, tenantId, project, actorId, "reopen it");
        if (project.status !== "closed") throw new StoreConflict("duplicate", `${project.name} is not closed.`);
        const after = toProject(await tx.project.update({ where: { id: projectId, tenantId }, data: { status: "active", closedAt: null } }));
        await audit({
          action: "project.reopen",
          entity: "project",
          entityId: projectId,
          projectId,
          before: { status: project.status, closedAt: project.closedAt },
          after: { status: after.status, closedAt: null, reopenedAt: at },
        });
        return after;
      });
    },
  };
}
