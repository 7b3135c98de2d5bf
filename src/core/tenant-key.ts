/**
 * Tenant ids are keys of (platform, external id), so no platform can name
 * another's tenant: `slack:T0123` (a workspace) or `slack:E0123` (the
 * Enterprise Grid org of an org-wide install), `teams:<tenant id>`, and
 * `local` (the console and shell) or `local:<name>` for other local
 * tenants. Every adapter, the CLI and the scheduler build and read tenant
 * ids here and nowhere else.
 */
import type { TenantId } from "./context.js";
import type { Platform } from "./records/index.js";

export interface TenantKey {
  platform: Platform;
  /** The platform's own id (Slack team or enterprise, Teams tenant); for local tenants the name, "" for the default. */
  externalId: string;
}

/** The console's and the shell's tenant. */
export const LOCAL_TENANT: TenantId = "local";

/** Letters, digits and . _ - (Slack ids, GUIDs, local names); at most 128. */
const EXTERNAL_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Every platform a tenant can be on. */
export const PLATFORMS: readonly Platform[] = ["slack", "teams", "local"];

export class TenantKeyError extends Error {}

/** The tenant id of an external id on its platform; throws TenantKeyError when the id is not one. */
export function tenantKey(platform: Platform, externalId: string): TenantId {
  if (platform === "local" && externalId === "") return LOCAL_TENANT;
  if (!EXTERNAL_ID.test(externalId)) {
    throw new TenantKeyError(`${JSON.stringify(externalId)} is not a ${platform} tenant id (letters, digits, '.', '_' and '-' only).`);
  }
  return `${platform}:${externalId}`;
}

/** The platform and external id of a tenant id, or null when it is not one. */
export function parseTenantKey(id: string): TenantKey | null {
  if (id === LOCAL_TENANT) return { platform: "local", externalId: "" };
  const cut = id.indexOf(":");
  if (cut < 0) return null;
  const platform = PLATFORMS.find((p) => p === id.slice(0, cut));
  const externalId = id.slice(cut + 1);
  if (!platform || !EXTERNAL_ID.test(externalId)) return null;
  return { platform, externalId };
}

/** The platform a tenant id belongs to, or null when it is not a tenant key. */
export function tenantPlatform(id: string): Platform | null {
  return parseTenantKey(id)?.platform ?? null;
}

/** What a person types for a tenant (the CLI's --tenant); the error says what was expected. */
export function tenantFromText(text: string): TenantId {
  const key = parseTenantKey(text.trim());
  if (!key) {
    throw new TenantKeyError(
      `${JSON.stringify(text)} is not a tenant: expected local, local:<name>, slack:<team or enterprise id> (e.g. slack:T0123) or teams:<tenant id>.`,
    );
  }
  return key.platform === "local" && key.externalId === "" ? LOCAL_TENANT : `${key.platform}:${key.externalId}`;
}
