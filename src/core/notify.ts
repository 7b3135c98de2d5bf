/**
 * The core's way to say something outside the current conversation: alerts,
 * standup prompts, digests, reminders. Every message goes through the outbox
 * (src/outbox/), which paces sends per channel, retries with backoff and
 * posts each dedupe key at most once, so a retried job never double-posts.
 */
import type { Platform, TenantId } from "./tenancy.js";
import type { Reply } from "./views/reply.js";

export const MESSAGE_KINDS = ["standup-prompt", "standup-summary", "digest", "alert", "reminder", "reply"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface OutgoingMessage {
  /** A channel id, or a user's platform id for a direct message. */
  channelId: string;
  kind: MessageKind;
  /** Same key, same message: the outbox keeps the first and ignores the rest. */
  dedupeKey: string;
  reply: Reply;
  /** Hold the message until then (quiet hours). */
  notBefore?: Date;
  /**
   * The dedupeKey of a message (same tenant) to reply under: on platforms with
   * threads it is posted in that message's thread once that one is posted, on
   * its own if that one failed or was never queued.
   */
  threadKey?: string;
}

export interface Notifier {
  /** Queues the message; `created` is false when its dedupe key was already queued. */
  post(tenant: TenantId, message: OutgoingMessage): Promise<{ id: string; created: boolean }>;
}

/** The part of the outbox a Notifier needs: a deduplicated insert, implemented in src/store. */
export interface OutboxQueue {
  enqueue(tenantId: TenantId, platform: Platform, message: OutgoingMessage): Promise<{ id: string; created: boolean }>;
}

/** A Notifier that queues every message in the outbox, for one platform's conversations. */
export function outboxNotifier(queue: OutboxQueue, platform: Platform): Notifier {
  return { post: (tenant, message) => queue.enqueue(tenant, platform, message) };
}
