/**
 * Records numbered per project (#1, #2, …: tasks, risks, milestones, costs):
 * added under the project's next free number, found by number within the
 * tenant and project.
 */
import type { Scope } from "../core/index.js";
import type { RecordKind, TenantTable } from "./audited.js";
import type { StoreContext, Tx } from "./client.js";
import type { Client } from "./database.js";
import { nextNumber } from "./guards.js";
import { write } from "./write.js";

/** The part of a Prisma model with tenantId, projectId and number columns that numbering needs. */
export interface NumberedTable<Row> {
  aggregate(args: {
    where: { tenantId: string; projectId: string };
    _max: { number: true };
  }): PromiseLike<{ _max: { number: number | null } }>;
  findFirst(args: { where: { tenantId: string; projectId: string; number: number } }): PromiseLike<Row | null>;
}

export interface NumberedKind<Row, Rec> extends RecordKind<Row, Rec> {
  table(db: Tx | Client): TenantTable<Row> & NumberedTable<Row>;
}

/** The record numbered `number` in the tenant's project, or null. */
export async function findByNumber<Row, Rec>(
  db: Client,
  kind: NumberedKind<Row, Rec>,
  tenantId: string,
  projectId: string,
  number: number,
): Promise<Rec | null> {
  const row = await kind.table(db).findFirst({ where: { tenantId, projectId, number } });
  return row ? kind.toRecord(row) : null;
}

/** How `addNumbered` checks and writes one record. */
export interface NumberedAdd<Row> {
  /** Runs first: the project is the tenant's, the members named are. */
  check(tx: Tx): Promise<unknown>;
  /** Writes the row under the number. */
  create(tx: Tx, number: number): Promise<Row>;
}

/**
 * Adds a record under the project's next free number and audits
 * "<entity>.add". Two records added at once took the same number: the later
 * one runs again and takes the next.
 */
export function addNumbered<Row, Rec extends { id: string }>(
  ctx: StoreContext,
  scope: Scope,
  projectId: string,
  kind: NumberedKind<Row, Rec>,
  how: NumberedAdd<Row>,
): Promise<Rec> {
  return write(
    ctx,
    scope,
    async (tx, audit) => {
      await how.check(tx);
      const { _max } = await kind.table(tx).aggregate({ where: { tenantId: scope.tenantId, projectId }, _max: { number: true } });
      const record = kind.toRecord(await how.create(tx, nextNumber(_max.number)));
      await audit({ action: `${kind.entity}.add`, entity: kind.entity, entityId: record.id, projectId, after: record });
      return record;
    },
    { retryOnUnique: true },
  );
}
