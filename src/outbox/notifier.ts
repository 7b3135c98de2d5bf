/** The core's Notifier on top of the outbox, for one platform's conversations. */
import type { Notifier, OutgoingMessage } from "../core/notify.js";
import type { TenantId } from "../core/context.js";
import type { Platform } from "../core/records.js";

/** The part of the outbox the Notifier needs: a deduplicated insert. */
export interface OutboxQueue {
  enqueue(tenantId: TenantId, platform: Platform, message: OutgoingMessage): Promise<{ id: string; created: boolean }>;
}

export function outboxNotifier(queue: OutboxQueue, platform: Platform): Notifier {
  return { post: (tenant, message) => queue.enqueue(tenant, platform, message) };
}
