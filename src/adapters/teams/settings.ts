/**
 * How Teams is connected, derived from the validated configuration: off, an
 * Azure Bot's app registration (every request authenticated), or the explicit
 * local-development mode without credentials that the Bot Framework Emulator
 * uses.
 */
import type { APP_TYPES, Config } from "../../config.js";

export type TeamsAppType = (typeof APP_TYPES)[number];

export type TeamsSettings =
  | {
      auth: "app";
      appId: string;
      appType: TeamsAppType;
      /** Absent for a managed identity. */
      appPassword?: string;
      /** Required for SingleTenant and UserAssignedMSI. */
      tenantId?: string;
      /** Where the Bot Connector publishes its token signing keys; Bot Framework's own when absent. */
      openIdMetadataUrl?: string;
    }
  | { auth: "none" };

export function teamsSettings(config: Config): TeamsSettings | null {
  if (config.MICROSOFT_APP_ID) {
    return {
      auth: "app",
      appId: config.MICROSOFT_APP_ID,
      appType: config.MICROSOFT_APP_TYPE ?? "MultiTenant",
      ...(config.MICROSOFT_APP_PASSWORD ? { appPassword: config.MICROSOFT_APP_PASSWORD } : {}),
      ...(config.MICROSOFT_APP_TENANT_ID ? { tenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
      ...(config.MICROSOFT_BOT_OPENID_METADATA ? { openIdMetadataUrl: config.MICROSOFT_BOT_OPENID_METADATA } : {}),
    };
  }
  if (config.TEAMS_ALLOW_UNAUTHENTICATED === "true") return { auth: "none" };
  return null;
}
