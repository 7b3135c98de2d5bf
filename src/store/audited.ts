/**
 * Changes of one record, each audited with the record as it read before and
 * after: a record found by id within the tenant, or the one record a key
 * names within a project (a member's allocation, a channel's schedule).
 */
import type { Scope } from "../core/index.js";
import type { StoreContext, Tx } from "./client.js";
import type { Client } from "./database.js";
import { notFound } from "./errors.js";
import { requireProject } from "./guards.js";
import { write, type Audit } from "./write.js";

/** The part of a Prisma model that finding a record by id in its tenant needs. */
export interface TenantTable<Row> {
  findFirst(args: { where: { id: string; tenantId: string } }): PromiseLike<Row | null>;
}

/** One kind of record: its rows, how a row reads as a record, and its names in audit events and messages. */
export interface RecordKind<Row, Rec> {
  /** The audit entity: "task". */
  entity: string;
  /** Names one that is missing: "Task" ("Task was not found."). */
  noun: string;
  table(db: Tx | Client): TenantTable<Row>;
  toRecord(row: Row): Rec;
}

/** The tenant's row `id` of this kind; "<Noun> was not found." when the tenant has none. */
export async function findInTenant<Row, Rec>(tx: Tx, kind: RecordKind<Row, Rec>, tenantId: string, id: string): Promise<Row> {
  const row = await kind.table(tx).findFirst({ where: { id, tenantId } });
  if (!row) throw notFound(kind.noun);
  return row;
}

/**
 * Changes the tenant's record `id` (not found: "<Noun> was not found.") with
 * `change`, which writes and returns the new row, and audits the record
 * before and after under `action` (given both, when it depends on them).
 */
export async function changeInTenant<Row extends { projectId: string }, Rec>(
  tx: Tx,
  audit: Audit,
  kind: RecordKind<Row, Rec>,
  tenantId: string,
  id: string,
  action: string | ((before: Rec, after: Rec) => string),
  change: (row: Row, before: Rec) => Promise<Row>,
): Promise<Rec> {
  const row = await findInTenant(tx, kind, tenantId, id);
  const before = kind.toRecord(row);
  const after = kind.toRecord(await change(row, before));
  const named = typeof action === "string" ? action : action(before, after);
  await audit({ action: named, entity: kind.entity, entityId: id, projectId: row.projectId, before, after });
  return after;
}

/** How `setInProject` finds, writes and audits the one record a key names. */
export interface KeyedWrite<Row, Rec> {
  /** The audit action and entity: "allocation.set", "allocation". */
  action: string;
  entity: string;
  toRecord(row: Row): Rec;
  /** More to check after the project, before anything is read: the member named is the tenant's. */
  check?(tx: Tx): Promise<unknown>;
  /** The record as it is, or null when there is none yet. */
  find(tx: Tx): Promise<Row | null>;
  /** Creates or updates it (an upsert on the key), given what `find` found. */
  save(tx: Tx, previous: Row | null): Promise<Row>;
}

/**
 * Creates or replaces the one record of the tenant's project that a key
 * names, audited before (null when new) and after. Two first writes at once:
 * the later one runs again and updates the other's row.
 */
export function setInProject<Row, Rec extends { id: string }>(
  ctx: StoreContext,
  scope: Scope,
  projectId: string,
  how: KeyedWrite<Row, Rec>,
): Promise<Rec> {
  return write(
    ctx,
    scope,
    async (tx, audit) => {
      await requireProject(tx, scope.tenantId, projectId);
      await how.check?.(tx);
      const previous = await how.find(tx);
      const record = how.toRecord(await how.save(tx, previous));
      await audit({
        action: how.action,
        entity: how.entity,
        entityId: record.id,
        projectId,
        before: previous ? how.toRecord(previous) : null,
        after: record,
      });
      return record;
    },
    { retryOnUnique: true },
  );
}
