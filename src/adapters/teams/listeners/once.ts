/**
 * The Bot Connector may deliver an activity again when Charter was slow to
 * answer; a claim on the activity's id makes the second delivery a no-op.
 */
import type { Activity } from "botbuilder";
import { baseConversationId, tenantOf } from "../activity.js";
import type { TeamsDeps } from "../context.js";
import { firstDelivery as firstDeliveryOf } from "../../retries.js";

export async function firstDelivery(deps: TeamsDeps, activity: Activity): Promise<boolean> {
  if (!activity.id || !activity.conversation?.id) return true;
  // Activity ids are unique within a conversation; the claim key must be unique everywhere.
  const key = `${baseConversationId(activity.conversation.id)}/${activity.id}`;
  return firstDeliveryOf(deps.runtime, tenantOf(activity), "teams:activity", key);
}
