/**
 * Builds the core's Context from a Slack request: the workspace (or the
 * Enterprise Grid org for org-wide installs) is the tenant, the user a member
 * with their Slack name and time zone, the channel the conversation.
 */
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { type Context, type Outsider, tenantKey, outboxNotifier } from "../../core/index.js";
import type { Runtime } from "../../runtime.js";
import type { ProfileCache, SlackProfile } from "./members.js";

export interface SlackIds {
  teamId: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
  userId: string;
  userName?: string | undefined;
  /** The person's own workspace when the payload names it (interactivity's user.team_id, an event's user_team). */
  userTeamId?: string | undefined;
  channelId: string | undefined;
  channelName?: string | undefined;
}

/** `slack:<enterprise id>` for an org-wide install, otherwise `slack:<team id>`. */
export function tenantOf(ids: Pick<SlackIds, "teamId" | "enterpriseId" | "isEnterpriseInstall">): string {
  const external = ids.isEnterpriseInstall && ids.enterpriseId ? ids.enterpriseId : ids.teamId;
  if (!external) throw new Error("Slack request without a team or enterprise id");
  return tenantKey("slack", external);
}

/**
 * A guest account, or someone whose own workspace (org, for an org-wide
 * install) is not the installation's: a Slack Connect channel shares
 * channels across organisations. Unknown (users.info failed and the payload
 * does not say) counts as the workspace's own.
 */
export function outsiderOf(ids: SlackIds, profile: SlackProfile): Outsider | undefined {
  if (profile.restricted) return "guest";
  if (ids.isEnterpriseInstall && ids.enterpriseId) {
    return profile.teamId !== null && profile.enterpriseId !== ids.enterpriseId ? "external" : undefined;
  }
  const teams = [ids.userTeamId, profile.teamId].filter((t): t is string => Boolean(t));
  return ids.teamId && teams.some((team) => team !== ids.teamId) ? "external" : undefined;
}

export interface SlackDeps {
  runtime: Runtime;
  profiles: ProfileCache;
  knownTenants: Set<string>;
}

export async function slackContext(deps: SlackDeps, client: WebClient, ids: SlackIds): Promise<Context> {
  const { store, log } = deps.runtime;
  const tenant = tenantOf(ids);
  if (!deps.knownTenants.has(tenant)) {
    await store.tenants.ensure(tenant, "slack");
    deps.knownTenants.add(tenant);
  }
  const profile = await deps.profiles.get(client, tenant, ids.userId, ids.userName);
  const user = await store.members.ensure(tenant, { platformUserId: ids.userId, name: profile.name, timeZone: profile.timeZone });
  const outsider = outsiderOf(ids, profile);
  return {
    tenant,
    user,
    ...(outsider ? { outsider } : {}),
    // App Home and DMs without a channel still need a key; projects are then picked with `in "<name>"`.
    channel: { id: ids.channelId ?? `home:${ids.userId}`, ...(ids.channelName ? { name: ids.channelName } : {}), platform: "slack" },
    now: () => DateTime.now(),
    store,
    notify: outboxNotifier(deps.runtime.outbox, "slack"),
    log,
    ...(deps.runtime.metrics ? { observe: deps.runtime.metrics.observeCommand } : {}),
    ...(deps.runtime.limiter ? { limiter: deps.runtime.limiter } : {}),
  };
}
