/**
 * Slack installations: Bolt's InstallationStore over the installations
 * repository (OAuth installs are kept encrypted in the database, one per
 * tenant: the enterprise of an org-wide install, otherwise the workspace),
 * and the bot token the outbox sends with in each tenant.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { tenantKey } from "../../core/index.js";
import { installationsRepository, type InstallationsSource, type SlackInstallationInput } from "../../store/repositories/installations.js";
import { parseEncryptionKey } from "../../store/secrets.js";
import type { SlackSettings } from "./settings.js";

/** The tenant an installation belongs to: slack:<enterprise id> when org-wide, else slack:<team id>. */
export function installationTenant(installation: Installation): string {
  const id = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!id) {
    throw new Error(
      installation.isEnterpriseInstall
        ? "Slack installation is org-wide but names no enterprise id."
        : "Slack installation names no team id.",
    );
  }
  return tenantKey("slack", id);
}

/** The tenant a Bolt query asks for, named the same way. */
export function queryTenant(query: InstallationQuery<boolean>): string {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id) {
    throw new Error(
      query.isEnterpriseInstall
        ? "Slack installation query is org-wide but names no enterprise id."
        : "Slack installation query names no team id.",
    );
  }
  return tenantKey("slack", id);
}

function describeQuery(query: InstallationQuery<boolean>): string {
  return query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `workspace ${query.teamId}`;
}

export function toInstallationInput(installation: Installation): SlackInstallationInput {
  const enterpriseWide = installation.isEnterpriseInstall === true;
  const name = enterpriseWide ? installation.enterprise?.name : installation.team?.name;
  return {
    tenantId: installationTenant(installation),
    ...(name ? { tenantName: name } : {}),
    teamId: installation.team?.id ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseWide: enterpriseWide,
    botUserId: installation.bot?.userId ?? null,
    botToken: installation.bot?.token ?? null,
    userToken: installation.user.token ?? null,
    scopes: installation.bot?.scopes ?? [],
    installedById: installation.user.id,
    payload: installation,
  };
}

export function slackInstallations(db: InstallationsSource, key: Buffer): InstallationStore {
  const installations = installationsRepository(db, key);

  return {
    async storeInstallation(installation, logger) {
      const input = toInstallationInput(installation);
      await installations.save(input);
      logger?.debug(`Stored the Slack installation of ${input.isEnterpriseWide ? "enterprise" : "workspace"} ${input.tenantId}`);
    },

    async fetchInstallation(query) {
      const stored = await installations.fetch(queryTenant(query));
      // Bolt treats a throw as "not authorized" and answers nothing for this team.
      if (!stored || stored.payload === null) {
        throw new Error(`Charter is not installed in Slack ${describeQuery(query)}: install the app there again.`);
      }
      return stored.payload as Installation;
    },

    // One installation per tenant: uninstalling (or a user's query) removes the workspace's or enterprise's.
    async deleteInstallation(query, logger) {
      const deleted = await installations.delete(queryTenant(query));
      logger?.debug(`${deleted ? "Deleted" : "Found no"} Slack installation of ${describeQuery(query)}`);
    },
  };
}

/**
 * The bot token for a tenant: the configured one (one workspace), or the
 * workspace's stored installation (OAuth); undefined where Charter is not installed.
 */
export function slackTokenSource(
  runtime: { db: InstallationsSource },
  settings: SlackSettings,
): (tenantId: string) => Promise<string | undefined> {
  if (settings.transport !== "http-oauth") return () => Promise.resolve(settings.botToken);
  const installations = slackInstallations(runtime.db, parseEncryptionKey(settings.encryptionKey));
  return async (tenantId) => {
    try {
      const installation = await installations.fetchInstallation({ teamId: tenantId, enterpriseId: undefined, isEnterpriseInstall: false });
      return installation.bot?.token;
    } catch (error) {
      // Not installed (or uninstalled) is final; anything else, such as the database, may pass.
      if (error instanceof Error && error.message.includes("is not installed")) return undefined;
      throw error;
    }
  };
}
