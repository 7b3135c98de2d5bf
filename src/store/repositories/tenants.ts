import type { Store } from "../../core/store.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";

export function tenantsRepository(ctx: StoreContext): Store["tenants"] {
  return {
    async ensure(tenantId, platform, name) {
      // Called for every incoming command: only write when something changed.
      const existing = await ctx.prisma.tenant.findUnique({ where: { id: tenantId } });
      if (existing && existing.platform === platform && (name === undefined || existing.name === name)) {
        ctx.knownTenants.add(tenantId);
        return;
      }
      const update = { platform, ...(name !== undefined ? { name } : {}) };
      const upsert = () =>
        ctx.prisma.tenant.upsert({ where: { id: tenantId }, update, create: { id: tenantId, platform, name: name ?? null } });
      try {
        await upsert();
      } catch (error) {
        // Another process created it first; apply our values to its row.
        if (!isUniqueViolation(error)) throw error;
        await upsert();
      }
      ctx.knownTenants.add(tenantId);
    },
  };
}
