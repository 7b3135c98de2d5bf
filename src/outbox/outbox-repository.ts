/**
 * The outbox table: every platform send is queued here first. Enqueueing is
 * idempotent by (tenant, dedupe key): a job that runs again after a crash
 * queues nothing new, so nothing is posted twice.
 */
import type { TenantId } from "../core/context.js";
import type { OutgoingMessage } from "../core/notify.js";
import { renderText } from "../core/views/render-text.js";
import type { PrismaClient as PostgresClient } from "../generated/postgresql/client.js";
import type { StoreContext } from "../store/client.js";
import { isUniqueViolation } from "../store/errors.js";
import type { Platform } from "../core/records.js";
import type { OutboxQueue } from "./notifier.js";

/** Reply -> stored JSON: bytes (images, files) as `{ png: <base64> }` whatever they hold, no bigint. */
export function serializeReply(reply: OutgoingMessage["reply"]): string {
  return JSON.stringify(reply, (_key, value: unknown) => (value instanceof Uint8Array ? { png: Buffer.from(value).toString("base64") } : value));
}

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
