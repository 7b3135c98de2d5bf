/** Lookups that confine a write to the caller's tenant before it happens. */
import { type TenantId, tenantPlatform } from "../core/index.js";
import type { StoreContext, Tx } from "./client.js";
import { isUniqueViolation, notFound } from "./errors.js";

export interface ProjectRef {
  id: string;
  currency: string;
}

/** The project, if it belongs to the tenant; otherwise StoreConflict("not_found"). */
export async function requireProject(tx: Tx, tenantId: TenantId, projectId: string): Promise<ProjectRef> {
  const project = await tx.project.findFirst({ where: { id: projectId, tenantId }, select: { id: true, currency: true } });
  if (!project) throw notFound("Project");
  return project;
}

/**
 * Tenant rows are created on first use so members and projects can refer to
 * them. Outside the caller's transaction: a lost race with another process is
 * a unique violation, which would abort a PostgreSQL transaction. Inside
 * `store.transaction` on SQLite it joins the transaction instead: SQLite runs
 * one transaction at a time, so a statement outside it would wait for it to
 * end, and no other writer can race it meanwhile.
 */
export async function ensureTenantRow(ctx: StoreContext, tenantId: TenantId): Promise<void> {
  if (ctx.knownTenants.has(tenantId)) return;
  const client = ctx.open && ctx.provider === "postgresql" ? ctx.open.root : ctx.prisma;
  try {
    await client.tenant.upsert({ where: { id: tenantId }, update: {}, create: { id: tenantId, platform: guessPlatform(tenantId) } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  ctx.knownTenants.add(tenantId);
}

/** A tenant key names its platform; ids that are not keys (tests' opaque ids) get a guess. */
function guessPlatform(tenantId: TenantId): string {
  const keyed = tenantPlatform(tenantId);
  if (keyed) return keyed;
  if (/^[TE][A-Z0-9]{6,}$/.test(tenantId)) return "slack";
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId)) return "teams";
  return "local";
}

/** The next per-project number (#n) after the highest in use. */
export function nextNumber(max: number | null | undefined): number {
  return (max ?? 0) + 1;
}

/** Member ids written onto records (assignee, owner, ...) must be the tenant's own. */
export async function requireMember(tx: Tx, tenantId: TenantId, memberId: string | null | undefined): Promise<void> {
  if (memberId === null || memberId === undefined) return;
  const member = await tx.member.findFirst({ where: { id: memberId, tenantId }, select: { id: true } });
  if (!member) throw notFound("Member");
}

/** Keys for case-insensitive names (projects, KPIs). */
export function nameKey(name: string): string {
  return name.trim().normalize("NFC").toLowerCase();
}
