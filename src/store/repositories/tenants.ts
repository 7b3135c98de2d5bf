import { type Store, tenantPlatform } from "../../core/index.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";

/** A tenant asked for on another platform than its own: refused, never rewritten (that would move its posts). */
export class TenantPlatformMismatch extends Error {
  constructor(
    readonly tenantId: string,
    readonly platform: string,
    readonly actual: string,
  ) {
    super(`Tenant ${tenantId} belongs to ${actual}, not ${platform}; its platform is never changed.`);
    this.name = "TenantPlatformMismatch";
  }
}

export function tenantsRepository(ctx: StoreContext): Store["tenants"] {
  return {
    async ensure(tenantId, platform, name) {
      // A tenant key names its platform; opaque ids (store tests) only meet the row's.
      const keyed = tenantPlatform(tenantId);
      if (keyed && keyed !== platform) throw new TenantPlatformMismatch(tenantId, platform, keyed);
      // Called for every incoming command: only write when something changed.
      const existing = await ctx.prisma.tenant.findUnique({ where: { id: tenantId } });
      if (existing && existing.platform !== platform) throw new TenantPlatformMismatch(tenantId, platform, existing.platform);
      if (existing && (name === undefined || existing.name === name)) {
        ctx.knownTenants.add(tenantId);
        return;
      }
      const update = name !== undefined ? { name } : {};
      const upsert = () =>
        ctx.prisma.tenant.upsert({ where: { id: tenantId }, update, create: { id: tenantId, platform, name: name ?? null } });
      try {
        await upsert();
      } catch (error) {
        // Another process created it first; apply our name to its row.
        if (!isUniqueViolation(error)) throw error;
        await upsert();
      }
      // A racing creator may have been another platform's: its row stands, and this request is refused.
      const row = await ctx.prisma.tenant.findUnique({ where: { id: tenantId }, select: { platform: true } });
      if (row && row.platform !== platform) throw new TenantPlatformMismatch(tenantId, platform, row.platform);
      ctx.knownTenants.add(tenantId);
    },
  };
}
