import { StoreConflict, type Kpi, type KpiDirection, type KpiReading, type Store } from "../../core/index.js";
import type { Kpi as KpiRow, KpiReading as KpiReadingRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation, notFound } from "../errors.js";
import { nameKey, requireMember, requireProject } from "../guards.js";
import { write } from "../write.js";

export function toKpi(row: KpiRow): Kpi {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    target: row.target,
    unit: row.unit,
    direction: row.direction as KpiDirection,
    description: row.description,
    measure: row.measure,
    deadline: row.deadline,
    ownerId: row.ownerId,
  };
}

export function toReading(row: KpiReadingRow): KpiReading {
  return { id: row.id, kpiId: row.kpiId, value: row.value, recordedAt: row.recordedAt, recordedById: row.recordedById };
}

interface RankedReading {
  id: string;
  kpiId: string;
  value: unknown;
  recordedAt: unknown;
  recordedById: string;
}

function duplicateName(name: string): StoreConflict {
  return new StoreConflict("duplicate", `This project already has a KPI named "${name}".`);
}

export function kpisRepository(ctx: StoreContext): Store["kpis"] {
  const { prisma } = ctx;
  return {
    async add(scope, projectId, input) {
      const name = input.name.trim();
      const key = nameKey(name);
      try {
        return await write(ctx, scope, async (tx, audit) => {
          const { tenantId } = scope;
          await requireProject(tx, tenantId, projectId);
          await requireMember(tx, tenantId, input.ownerId);
          if (await tx.kpi.findFirst({ where: { tenantId, projectId, nameKey: key }, select: { id: true } })) throw duplicateName(name);
          const kpi = toKpi(
            await tx.kpi.create({
              data: {
                tenantId,
                projectId,
                name,
                nameKey: key,
                target: input.target,
                unit: input.unit ?? null,
                direction: input.direction,
                description: input.description ?? null,
                measure: input.measure ?? null,
                deadline: input.deadline ?? null,
                ownerId: input.ownerId ?? null,
              },
            }),
          );
          await audit({ action: "kpi.add", entity: "kpi", entityId: kpi.id, projectId, after: kpi });
          return kpi;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName(name);
        throw error;
      }
    },

    async findByName(tenantId, projectId, name) {
      const row = await prisma.kpi.findFirst({ where: { tenantId, projectId, nameKey: nameKey(name) } });
      return row ? toKpi(row) : null;
    },

    record(scope, kpiId, value, at) {
      return write(ctx, scope, async (tx, audit) => {
        const kpi = await tx.kpi.findFirst({ where: { id: kpiId, tenantId: scope.tenantId }, select: { projectId: true } });
        if (!kpi) throw notFound("KPI");
        const reading = toReading(
          await tx.kpiReading.create({
            data: { tenantId: scope.tenantId, kpiId, value, recordedAt: at, recordedById: scope.actorId },
          }),
        );
        await audit({ action: "kpi.record", entity: "kpiReading", entityId: reading.id, projectId: kpi.projectId, after: reading });
        return reading;
      });
    },

    async list(tenantId, projectId, readingsPerKpi) {
      const kpis = (await prisma.kpi.findMany({ where: { tenantId, projectId }, orderBy: [{ nameKey: "asc" }, { id: "asc" }] })).map(toKpi);
      const limit = Math.max(0, Math.floor(readingsPerKpi));
      if (kpis.length === 0 || limit === 0) return kpis.map((kpi) => ({ ...kpi, readings: [] }));
      // The newest `limit` readings of every KPI of the project, in one query.
      const rows = await prisma.$queryRaw<RankedReading[]>`
        SELECT "id", "kpiId", "value", "recordedAt", "recordedById" FROM (
          SELECT r."id", r."kpiId", r."value", r."recordedAt", r."recordedById",
                 ROW_NUMBER() OVER (PARTITION BY r."kpiId" ORDER BY r."recordedAt" DESC, r."id" DESC) AS "position"
          FROM "KpiReading" r
          JOIN "Kpi" k ON k."id" = r."kpiId"
          WHERE r."tenantId" = ${tenantId} AND k."tenantId" = ${tenantId} AND k."projectId" = ${projectId}
        ) ranked
        WHERE "position" <= ${limit}
        ORDER BY "kpiId", "recordedAt" DESC, "id" DESC`;
      const byKpi = new Map<string, KpiReading[]>();
      for (const row of rows) {
        const reading: KpiReading = {
          id: row.id,
          kpiId: row.kpiId,
          value: Number(row.value),
          recordedAt: row.recordedAt instanceof Date ? row.recordedAt : new Date(String(row.recordedAt)),
          recordedById: row.recordedById,
        };
        const list = byKpi.get(row.kpiId) ?? [];
        list.push(reading);
        byKpi.set(row.kpiId, list);
      }
      return kpis.map((kpi) => ({ ...kpi, readings: byKpi.get(kpi.id) ?? [] }));
    },
  };
}
