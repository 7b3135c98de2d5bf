/**
 * The outbox table: every platform send is queued here first. Enqueueing is
 * idempotent by (tenant, dedupe key): a job that runs again after a crash
 * queues nothing new, so nothing is posted twice.
 */
import { type TenantId, type OutboxQueue, type OutgoingMessage, type Platform, renderText } from "../../core/index.js";
import type { PrismaClient as PostgresClient } from "../../generated/postgresql/client.js";
import type { StoreContext } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { serializeReply } from "../reply-json.js";

export function outboxQueue(source: Pick<StoreContext, "prisma" | "provider">): OutboxQueue {
  const { prisma, provider } = source;
  return {
    async enqueue(tenantId: TenantId, platform: Platform, message: OutgoingMessage) {
      const data = {
        tenantId,
        platform,
        channelId: message.channelId,
        kind: message.kind,
        dedupeKey: message.dedupeKey,
        payload: serializeReply(message.reply),
        text: renderText(message.reply),
        ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
        ...(message.threadKey ? { threadKey: message.threadKey } : {}),
      };
      const where = { tenantId_dedupeKey: { tenantId, dedupeKey: message.dedupeKey } };
      if (provider === "postgresql") {
        // ON CONFLICT DO NOTHING: a duplicate is not an error that would poison a surrounding transaction.
        const { count } = await (prisma as unknown as PostgresClient).outboxMessage.createMany({ data: [data], skipDuplicates: true });
        const row = await prisma.outboxMessage.findUniqueOrThrow({ where, select: { id: true } });
        return { id: row.id, created: count === 1 };
      }
      try {
        const row = await prisma.outboxMessage.create({ data, select: { id: true } });
        return { id: row.id, created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const row = await prisma.outboxMessage.findUniqueOrThrow({ where, select: { id: true } });
        return { id: row.id, created: false };
      }
    },
  };
}
