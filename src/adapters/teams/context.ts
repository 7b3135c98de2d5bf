/**
 * Builds the core's Context from a Teams activity: the Teams tenant is the
 * tenant, the sender a member with their display name and time zone, the
 * conversation (a channel, group chat or personal chat) the channel.
 */
import type { TurnContext } from "botbuilder";
import { DateTime } from "luxon";
import type { Context } from "../../core/context.js";
import { withoutReserved } from "../../core/views/references.js";
import { outboxNotifier } from "../../outbox/notifier.js";
import type { Runtime } from "../../runtime.js";
import type { ConversationRefsRepository } from "../../store/index.js";
import { baseConversationId, tenantOf, timeZoneOf, userIdOf } from "./activity.js";
import type { TeamsPeople } from "./people.js";

export interface TeamsDeps {
  runtime: Runtime;
  people: TeamsPeople;
  conversations: ConversationRefsRepository;
  knownTenants: Set<string>;
}

export async function teamsContext(deps: TeamsDeps, turn: TurnContext): Promise<Context> {
  const { store, log } = deps.runtime;
  const activity = turn.activity;
  const tenant = tenantOf(activity);
  if (!deps.knownTenants.has(tenant)) {
    await store.tenants.ensure(tenant, "teams");
    deps.knownTenants.add(tenant);
  }
  const zone = timeZoneOf(activity);
  // Invokes often carry neither name nor zone: what is not sent is left as stored.
  const user = await store.members.ensure(tenant, {
    platformUserId: userIdOf(activity.from),
    ...(activity.from.name ? { name: withoutReserved(activity.from.name) } : {}),
    ...(zone ? { timeZone: zone } : {}),
  });
  const channelName = (activity.channelData as { channel?: { name?: unknown } } | undefined)?.channel?.name;
  const name = typeof channelName === "string" && channelName ? channelName : activity.conversation.name;
  return {
    tenant,
    user,
    channel: { id: baseConversationId(activity.conversation.id), ...(name ? { name } : {}), platform: "teams" },
    now: () => DateTime.now(),
    store,
    notify: outboxNotifier(deps.runtime.outbox, "teams"),
    log,
    ...(deps.runtime.metrics ? { observe: deps.runtime.metrics.observeCommand } : {}),
    ...(deps.runtime.limiter ? { limiter: deps.runtime.limiter } : {}),
  };
}
