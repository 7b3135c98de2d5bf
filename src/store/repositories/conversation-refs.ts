/**
 * Teams conversation references, one per conversation the bot is in: what a
 * proactive send (digest, standup prompt, alert) needs to reach a channel,
 * group chat or personal chat through the Bot Connector. Kept when the app
 * is removed (marked not installed), so a re-install picks up where it was.
 */
import type { TenantId } from "../../core/index.js";
import type { ConversationRef as ConversationRefRow } from "../../generated/sqlite/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { tenantsRepository } from "./tenants.js";

export type ConversationRefKind = "personal" | "channel" | "groupChat";

/** A Database or the store's context: only the client and its provider are needed. */
export type ConversationRefsSource = Pick<StoreContext, "prisma" | "provider"> & Partial<Pick<StoreContext, "knownTenants">>;

export interface ConversationRefInput {
  tenantId: TenantId;
  conversationId: string;
  serviceUrl: string;
  /** The Bot Framework ConversationReference (JSON-serializable). */
  reference: unknown;
  kind: ConversationRefKind;
  installed?: boolean;
}

export interface StoredConversationRef extends Required<ConversationRefInput> {
  updatedAt: Date;
}

export interface ConversationRefsRepository {
  /** Creates or replaces the reference of a conversation; `installed` defaults to true. */
  save(input: ConversationRefInput): Promise<void>;
  /** Marks the conversation's app removed; false when there was no reference. */
  markUninstalled(tenantId: TenantId, conversationId: string): Promise<boolean>;
  get(tenantId: TenantId, conversationId: string): Promise<StoredConversationRef | null>;
  /** The personal chat with a user, by the user's platform id (Entra object id or channel id), if the bot has one. */
  findPersonal(tenantId: TenantId, userId: string): Promise<StoredConversationRef | null>;
  list(tenantId: TenantId): Promise<StoredConversationRef[]>;
}

function toStored(row: ConversationRefRow): StoredConversationRef {
  return {
    tenantId: row.tenantId,
    conversationId: row.conversationId,
    serviceUrl: row.serviceUrl,
    reference: JSON.parse(row.reference) as unknown,
    kind: row.kind as ConversationRefKind,
    installed: row.installed,
    updatedAt: row.updatedAt,
  };
}

/** The user a personal conversation's reference names: its Entra object id and its channel id. */
function userIdsOf(reference: unknown): string[] {
  const user = (reference as { user?: { id?: unknown; aadObjectId?: unknown } } | null)?.user;
  return [user?.aadObjectId, user?.id].filter((id): id is string => typeof id === "string" && id.length > 0);
}

export function conversationRefsRepository(source: ConversationRefsSource): ConversationRefsRepository {
  const ctx: StoreContext = { prisma: source.prisma, provider: source.provider, knownTenants: source.knownTenants ?? new Set() };
  const { prisma } = ctx;
  const tenants = tenantsRepository(ctx);

  return {
    async save(input) {
      if (!ctx.knownTenants.has(input.tenantId)) await tenants.ensure(input.tenantId, "teams");
      const key = { tenantId_conversationId: { tenantId: input.tenantId, conversationId: input.conversationId } };
      const data = {
        serviceUrl: input.serviceUrl,
        reference: JSON.stringify(input.reference ?? null),
        kind: input.kind,
        installed: input.installed ?? true,
      };
      const upsert = () =>
        prisma.conversationRef.upsert({
          where: key,
          update: data,
          create: { tenantId: input.tenantId, conversationId: input.conversationId, ...data },
        });
      try {
        await upsert();
      } catch (error) {
        // Two activities of a new conversation at once: the other insert won; write ours over it.
        if (!isUniqueViolation(error)) throw error;
        await upsert();
      }
    },

    async markUninstalled(tenantId, conversationId) {
      const { count } = await prisma.conversationRef.updateMany({ where: { tenantId, conversationId }, data: { installed: false } });
      return count > 0;
    },

    async get(tenantId, conversationId) {
      const row = await prisma.conversationRef.findUnique({ where: { tenantId_conversationId: { tenantId, conversationId } } });
      return row ? toStored(row) : null;
    },

    async findPersonal(tenantId, userId) {
      // The id is quoted in the JSON; the match narrows the rows, the parse below confirms it.
      const rows = await prisma.conversationRef.findMany({
        where: { tenantId, kind: "personal", reference: { contains: JSON.stringify(userId) } },
        orderBy: [{ installed: "desc" }, { updatedAt: "desc" }],
        take: 20,
      });
      const row = rows.find((r) => userIdsOf(JSON.parse(r.reference)).includes(userId));
      return row ? toStored(row) : null;
    },

    async list(tenantId) {
      const rows = await prisma.conversationRef.findMany({ where: { tenantId }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }] });
      return rows.map(toStored);
    },
  };
}
