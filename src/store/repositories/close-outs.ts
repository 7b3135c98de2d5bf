/**
 * Closing a project: the post-mortem and the final report are stored and the
 * project becomes "closed" (archived, read-only) in one transaction with its
 * AuditEvent; reopening makes it active again. Who may do either, and when,
 * are core rules (core/authorization.ts, core/domain/close-out.ts), checked
 * in the transaction that writes it.
 * A project closed again after a reopen replaces its CloseOut (one per
 * project); the audit log keeps every close with what it stored.
 */
import type { CloseOut, PostMortem, Store } from "../../core/index.js";
import type { CloseOut as CloseOutRow } from "../../generated/sqlite/client.js";
import type { StoreContext, Tx } from "../client.js";
import { notFound } from "../errors.js";
import { write } from "../write.js";
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
  return {
    wentWell: strings(v.wentWell),
    didNotGoWell: strings(v.didNotGoWell),
    lessons: strings(v.lessons),
    followUps: strings(v.followUps),
  };
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

/** The tenant's project row, or StoreConflict("not_found"). */
async function projectRow(tx: Tx, tenantId: string, projectId: string) {
  const project = await tx.project.findFirst({ where: { id: projectId, tenantId } });
  if (!project) throw notFound("Project");
  return project;
}

export function closeOutsRepository(ctx: StoreContext): Store["closeOuts"] {
  const { prisma } = ctx;
  return {
    close(scope, projectId, input) {
      return write(ctx, scope, async (tx, audit) => {
        const { tenantId, actorId } = scope;
        const project = await projectRow(tx, tenantId, projectId);
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
        const { tenantId } = scope;
        const project = await projectRow(tx, tenantId, projectId);
        const after = toProject(
          await tx.project.update({ where: { id: projectId, tenantId }, data: { status: "active", closedAt: null } }),
        );
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
