/**
 * Slack OAuth installations, one per tenant (the enterprise id of an
 * org-wide install, otherwise the team id). Tokens and the full payload are
 * encrypted; the plain columns hold only what is not secret.
 */
import { type TenantId, parseTenantKey } from "../../core/index.js";
import type { Installation as InstallationRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { decryptSecret, encryptSecret } from "../secrets.js";
import { tenantsRepository } from "./tenants.js";

/** A Database or the store's context: only the client and its provider are needed. */
export type InstallationsSource = Pick<StoreContext, "prisma" | "provider"> & Partial<Pick<StoreContext, "knownTenants">>;

export interface SlackInstallationInput {
  tenantId: TenantId;
  /** Team (or enterprise) name, written onto the tenant row when given. */
  tenantName?: string | null;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseWide: boolean;
  botUserId: string | null;
  botToken: string | null;
  userToken: string | null;
  scopes: string[];
  /** Platform user id of whoever installed the app. */
  installedById: string | null;
  /** The installation as Slack's library produced it (JSON-serializable), stored encrypted. */
  payload: unknown;
}

export interface StoredSlackInstallation extends Omit<SlackInstallationInput, "tenantName"> {
  createdAt: Date;
  updatedAt: Date;
}

export interface InstallationsRepository {
  /** Creates the tenant's installation, or replaces it on re-install. */
  save(input: SlackInstallationInput): Promise<void>;
  fetch(tenantId: TenantId): Promise<StoredSlackInstallation | null>;
  /** Whether there was an installation to delete. */
  delete(tenantId: TenantId): Promise<boolean>;
}

type SecretColumn = "botTokenEncrypted" | "userTokenEncrypted" | "payloadEncrypted";

/** Associated data of each secret: its tenant and column, so a ciphertext copied elsewhere fails. */
function aad(tenantId: TenantId, column: SecretColumn): string {
  return `installation:${tenantId}:${column}`;
}

const MAX_ATTEMPTS = 3;

// The current row is the last one created; ties broken by id. createdAt never changes, so racing saves
// agree on it: ordering by updatedAt let one save's update make a row "newest" after another save had
// chosen to delete it, and two such saves could delete every row of the tenant between them.
const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;

export function installationsRepository(source: InstallationsSource, key: Buffer): InstallationsRepository {
  const ctx: StoreContext = { prisma: source.prisma, provider: source.provider, knownTenants: source.knownTenants ?? new Set() };
  const { prisma } = ctx;
  const tenants = tenantsRepository(ctx);

  const seal = (tenantId: TenantId, column: SecretColumn, value: string | null) =>
    value === null ? null : encryptSecret(key, value, aad(tenantId, column));
  const open = (row: InstallationRow, column: SecretColumn) => {
    const value = row[column];
    if (value === null) return null;
    try {
      return decryptSecret(key, value, aad(row.tenantId, column));
    } catch (error) {
      // Sealed before tenant ids named their platform (the tenant_keys migration renamed T0123 to
      // slack:T0123 but cannot re-encrypt): bound to the bare Slack id, which only that tenant has. The next save re-seals it.
      const legacy = parseTenantKey(row.tenantId);
      if (legacy?.platform !== "slack") throw error;
      return decryptSecret(key, value, aad(legacy.externalId, column));
    }
  };

  function toStored(row: InstallationRow): StoredSlackInstallation {
    const payload = open(row, "payloadEncrypted");
    return {
      tenantId: row.tenantId,
      teamId: row.teamId,
      enterpriseId: row.enterpriseId,
      isEnterpriseWide: row.isEnterpriseWide,
      botUserId: row.botUserId,
      botToken: open(row, "botTokenEncrypted"),
      userToken: open(row, "userTokenEncrypted"),
      scopes: row.scopes ? row.scopes.split(",") : [],
      installedById: row.installedById,
      payload: payload === null ? null : (JSON.parse(payload) as unknown),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /**
   * The unique (tenantId, teamId, enterpriseId) does not stop duplicates when
   * an id is NULL, so two installs racing can both insert. Keep the newest:
   * the later of two racers always sees both rows and removes the other.
   */
  async function removeOlderRows(tenantId: TenantId): Promise<void> {
    const rows = await prisma.installation.findMany({ where: { tenantId }, orderBy: [...newestFirst], select: { id: true } });
    if (rows.length <= 1) return;
    await prisma.installation.deleteMany({ where: { tenantId, id: { in: rows.slice(1).map((r) => r.id) } } });
  }

  return {
    async save(input) {
      const { tenantId } = input;
      await tenants.ensure(tenantId, "slack", input.tenantName ?? undefined);
      const data = {
        teamId: input.teamId,
        enterpriseId: input.enterpriseId,
        isEnterpriseWide: input.isEnterpriseWide,
        botUserId: input.botUserId,
        scopes: input.scopes.length > 0 ? input.scopes.join(",") : null,
        installedById: input.installedById,
        botTokenEncrypted: seal(tenantId, "botTokenEncrypted", input.botToken),
        userTokenEncrypted: seal(tenantId, "userTokenEncrypted", input.userToken),
        payloadEncrypted: seal(tenantId, "payloadEncrypted", JSON.stringify(input.payload ?? null)),
      };
      for (let attempt = 1; ; attempt++) {
        const current = await prisma.installation.findFirst({ where: { tenantId }, orderBy: [...newestFirst], select: { id: true } });
        // updateMany: a racing save may have removed the row since, then this one inserts.
        if (current && (await prisma.installation.updateMany({ where: { id: current.id, tenantId }, data })).count > 0) break;
        try {
          await prisma.installation.create({ data: { tenantId, ...data } });
          break;
        } catch (error) {
          // A racing save inserted the same team and enterprise first: update that row instead.
          if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
      await removeOlderRows(tenantId);
    },

    async fetch(tenantId) {
      const row = await prisma.installation.findFirst({ where: { tenantId }, orderBy: [...newestFirst] });
      return row ? toStored(row) : null;
    },

    async delete(tenantId) {
      const { count } = await prisma.installation.deleteMany({ where: { tenantId } });
      return count > 0;
    },
  };
}
