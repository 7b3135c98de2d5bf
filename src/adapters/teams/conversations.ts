/**
 * Keeps a conversation reference for every conversation Charter is in, so
 * the scheduler and alerts can post there later (continueConversationAsync).
 * Written when something changed, not on every message: the last reference
 * written for each conversation is remembered in the process.
 */
import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { Logger } from "../../core/index.js";
import type { ConversationRefsRepository } from "../../store/index.js";
import { baseConversationId, conversationKind, tenantOf } from "./activity.js";

const MAX_REMEMBERED = 10_000;

/**
 * The reference proactive sends use: the conversation itself (a channel, not
 * the thread the activity came from), no activity to reply to, and the user
 * only for a personal chat, which is the chat with that user.
 */
export function referenceFor(activity: Partial<Activity>): Partial<ConversationReference> {
  const { activityId: _activityId, user, conversation, ...rest } = TurnContext.getConversationReference(activity);
  const kind = conversationKind(activity as Activity);
  return {
    ...rest,
    ...(conversation ? { conversation: { ...conversation, id: baseConversationId(conversation.id) } } : {}),
    ...(kind === "personal" && user ? { user } : {}),
  };
}

export class ConversationMemory {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly repository: ConversationRefsRepository,
    private readonly log: Logger,
  ) {}

  /** Stores the activity's conversation as one Charter is installed in (unless it is already stored so). */
  async remember(activity: Activity): Promise<void> {
    if (!activity.conversation?.id || !activity.serviceUrl) return;
    const tenantId = tenantOf(activity);
    const conversationId = baseConversationId(activity.conversation.id);
    const reference = referenceFor(activity);
    const kind = conversationKind(activity);
    const key = `${tenantId}\n${conversationId}`;
    const state = JSON.stringify([activity.serviceUrl, kind, reference]);
    if (this.written.get(key) === state) return;
    await this.repository.save({ tenantId, conversationId, serviceUrl: activity.serviceUrl, reference, kind, installed: true });
    if (this.written.size >= MAX_REMEMBERED) this.written.delete(this.written.keys().next().value!);
    this.written.set(key, state);
    this.log.debug("teams conversation stored", { tenant: tenantId, kind });
  }

  /** Charter was removed from the conversation: keep the reference, marked not installed. */
  async forget(activity: Activity): Promise<void> {
    if (!activity.conversation?.id) return;
    const tenantId = tenantOf(activity);
    const conversationId = baseConversationId(activity.conversation.id);
    this.written.delete(`${tenantId}\n${conversationId}`);
    await this.repository.markUninstalled(tenantId, conversationId);
  }
}
