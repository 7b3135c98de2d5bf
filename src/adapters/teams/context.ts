/**
 * Builds the core's Context from a Teams activity: the Teams tenant is the
 * tenant, the sender a member with their display name and time zone, the
 * conversation (a channel, group chat or personal chat) the channel. A guest
 * or someone from another tenant is marked an outsider (core/outsiders.ts).
 */
import type { Activity, TurnContext } from "botbuilder";
import { DateTime } from "luxon";
import { type Context, type Outsider, withoutReserved, outboxNotifier } from "../../core/index.js";
import type { Runtime } from "../../runtime.js";
import type { ConversationRefsRepository } from "../../store/index.js";
import { baseConversationId, teamsTenantIdOf, tenantOf, timeZoneOf, userIdOf } from "./activity.js";
import type { RosterFacts, TeamsPeople } from "./people.js";

export interface TeamsDeps {
  runtime: Runtime;
  people: TeamsPeople;
  conversations: ConversationRefsRepository;
  knownTenants: Set<string>;
}

/**
 * An Entra B2B guest (the roster's userRole "guest"; "anonymous" is a meeting
 * attendee without an account), or a user whose home tenant, as the activity
 * or the roster names it, is not the conversation's: a federated or shared
 * channel brings people of other organisations. Unknown (the look-up failed
 * and the activity does not say) counts as the tenant's own.
 */
export function outsiderOf(
  activity: Pick<Activity, "channelData" | "conversation" | "from">,
  roster: RosterFacts | null,
): Outsider | undefined {
  if (roster?.userRole === "guest" || roster?.userRole === "anonymous") return "guest";
  const home = teamsTenantIdOf(activity);
  const fromTenant = (activity.from as { tenantId?: unknown } | undefined)?.tenantId;
  const theirs = [typeof fromTenant === "string" ? fromTenant : null, roster?.tenantId ?? null].filter((t): t is string => Boolean(t));
  return home && theirs.some((t) => t.toLowerCase() !== home.toLowerCase()) ? "external" : undefined;
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
  // Only Teams keeps an Entra roster; the Emulator's made-up people are the tenant's own.
  const roster = activity.channelId === "msteams" ? await deps.people.roster(turn, tenant, activity.from) : null;
  const outsider = outsiderOf(activity, roster);
  const channelName = (activity.channelData as { channel?: { name?: unknown } } | undefined)?.channel?.name;
  const name = typeof channelName === "string" && channelName ? channelName : activity.conversation.name;
  return {
    tenant,
    user,
    ...(outsider ? { outsider } : {}),
    channel: { id: baseConversationId(activity.conversation.id), ...(name ? { name } : {}), platform: "teams" },
    now: () => DateTime.now(),
    store,
    notify: outboxNotifier(deps.runtime.outbox, "teams"),
    log,
    ...(deps.runtime.metrics ? { observe: deps.runtime.metrics.observeCommand } : {}),
    ...(deps.runtime.limiter ? { limiter: deps.runtime.limiter } : {}),
  };
}
