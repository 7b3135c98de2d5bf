/**
 * The Bot Connector may deliver an activity again when Charter was slow to
 * answer; a claim on the activity's id makes the second delivery a no-op.
 * An activity that wrote nothing (a refused or failed submission) gives its
 * claim up, so a repeat is judged again and answered as the first was.
 */
import type { Activity } from "botbuilder";
import { baseConversationId, tenantOf } from "../activity.js";
import type { TeamsDeps } from "../context.js";
import { firstDelivery as firstDeliveryOf, releaseDelivery as releaseDeliveryOf } from "../../common/retries.js";

const CLAIM_JOB = "teams:activity";

// Activity ids are unique within a conversation; the claim key must be unique everywhere.
const claimKey = (activity: Activity): string | null =>
  activity.id && activity.conversation?.id ? `${baseConversationId(activity.conversation.id)}/${activity.id}` : null;

export async function firstDelivery(deps: TeamsDeps, activity: Activity): Promise<boolean> {
  const key = claimKey(activity);
  return key ? firstDeliveryOf(deps.runtime, tenantOf(activity), CLAIM_JOB, key) : true;
}

/** After an activity that wrote nothing: its next delivery runs again. */
export async function releaseDelivery(deps: TeamsDeps, activity: Activity): Promise<void> {
  const key = claimKey(activity);
  if (key) await releaseDeliveryOf(deps.runtime, tenantOf(activity), CLAIM_JOB, key);
}
