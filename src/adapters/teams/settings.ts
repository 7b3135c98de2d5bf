/**
 * How Teams is connected, derived from the validated configuration: off, an
 * Azure Bot's app registration (every request authenticated), or the explicit
 * local-development mode without credentials that the Bot Framework Emulator
 * uses.
 */
import type { APP_TYPES, Config } from "../../config.js";
import { botFrameworkEndpoints, type BotFrameworkEndpoints } from "./bot-framework-cloud.js";

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
      /** The cloud's login, token audience, issuer and signing keys (public Azure unless configured). */
      endpoints: BotFrameworkEndpoints;
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
      endpoints: botFrameworkEndpoints(config),
    };
  }
  if (config.TEAMS_ALLOW_UNAUTHENTICATED === "true") return { auth: "none" };
  return null;
}
