/**
 * What the local Slack API remembers between calls: who each token belongs
 * to, the users and channels of the workspace, the messages and views the
 * app made, and pending OAuth codes. Objects are rendered in Slack's own
 * field names so answers look like production's.
 */
import { randomInt } from "node:crypto";
import { DEFAULT_APP_ID, DEFAULT_BOT, DEFAULT_TEAM, hex, slackId } from "./ids.js";

/** auth.test's view of a token. */
export interface TokenIdentity {
  team_id: string;
  team: string;
  url: string;
  user_id: string;
  user: string;
  bot_id?: string | undefined;
  enterprise_id?: string | undefined;
  is_enterprise_install: boolean;
}

/** A user as configured by a test; anything left out gets a plausible value. */
export interface UserSpec {
  name: string;
  real_name: string;
  display_name: string;
  /** IANA zone; null for a user without one (Slack then omits tz fields). */
  tz: string | null;
  is_bot: boolean;
  deleted: boolean;
  team_id: string;
  email: string;
  /** A guest: multi-channel (restricted) or single-channel (ultra-restricted). */
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  /** The Enterprise Grid org the user belongs to (users.info then carries enterprise_user). */
  enterprise_id: string;
}

export interface ChannelSpec {
  name: string;
  is_private: boolean;
  is_archived: boolean;
  /** Whether the bot is in the channel; false makes posts fail with not_in_channel. */
  is_member: boolean;
  /** Who is in the channel; when set, postEphemeral to anyone else fails with user_not_in_channel. */
  members: string[];
}

/** An OAuth v2 install a test prepares for one authorization code. */
export interface OAuthInstall {
  team: { id: string; name: string } | null;
  enterprise: { id: string; name: string } | null;
  is_enterprise_install: boolean;
  authed_user: { id: string; scope?: string; access_token?: string; token_type?: "user" };
  scope: string;
  bot_user_id: string;
  access_token: string;
  app_id: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown;
  thread_ts?: string | undefined;
  /** Set for chat.postEphemeral: the only user who sees it. */
  ephemeralTo?: string | undefined;
  deleted?: boolean;
  /** chat.postMessage's `metadata` ({ event_type, event_payload }), returned by history with include_all_metadata. */
  metadata?: unknown;
}

export type StoredView = Record<string, unknown> & { id: string; hash: string; type: string };

export const DEFAULT_BOT_SCOPES = "commands,chat:write,chat:write.public,users:read,im:write,channels:read,groups:read";

export class Workspace {
  readonly appId: string;
  readonly team: { id: string; name: string; domain: string; enterprise_id?: string | undefined };
  readonly identities = new Map<string, TokenIdentity>();
  readonly users = new Map<string, Partial<UserSpec>>();
  readonly channels = new Map<string, Partial<ChannelSpec>>();
  readonly messages: StoredMessage[] = [];
  readonly views = new Map<string, StoredView>();
  readonly oauthCodes = new Map<string, Partial<OAuthInstall>>();
  readonly usedCodes = new Set<string>();
  readonly usedTriggers = new Set<string>();
  /** Whether only registered tokens are accepted (options.tokens was given). */
  strictTokens = false;

  constructor(appId = DEFAULT_APP_ID, team: Partial<Workspace["team"]> = {}) {
    this.appId = appId;
    this.team = { ...DEFAULT_TEAM, ...team };
  }

  /** The identity of the workspace's bot token; used for tokens not registered otherwise. */
  defaultIdentity(): TokenIdentity {
    return {
      team_id: this.team.id,
      team: this.team.name,
      url: `https://${this.team.domain}.slack.com/`,
      user_id: DEFAULT_BOT.userId,
      user: DEFAULT_BOT.name,
      bot_id: DEFAULT_BOT.botId,
      ...(this.team.enterprise_id ? { enterprise_id: this.team.enterprise_id } : {}),
      is_enterprise_install: false,
    };
  }

  identityOf(token: string): TokenIdentity | undefined {
    return this.identities.get(token) ?? (this.strictTokens ? undefined : this.defaultIdentity());
  }

  addToken(token: string, identity: Partial<TokenIdentity> = {}): void {
    this.identities.set(token, { ...this.defaultIdentity(), ...identity });
  }

  userObject(id: string): Record<string, unknown> {
    const isBot = id === DEFAULT_BOT.userId;
    const spec = this.users.get(id) ?? {};
    const name = spec.name ?? (isBot ? DEFAULT_BOT.name : id.toLowerCase());
    const realName = spec.real_name ?? name;
    const displayName = spec.display_name ?? "";
    const tz = spec.tz === undefined ? (isBot ? "America/Los_Angeles" : "Europe/Berlin") : spec.tz;
    const [first, ...rest] = realName.split(" ");
    return {
      id,
      team_id: spec.team_id ?? this.team.id,
      name,
      deleted: spec.deleted ?? false,
      color: "9f69e7",
      real_name: realName,
      ...(tz ? { tz, tz_label: tzLabel(tz), tz_offset: tzOffsetSeconds(tz) } : {}),
      profile: {
        title: "",
        phone: "",
        skype: "",
        real_name: realName,
        real_name_normalized: realName,
        display_name: displayName,
        display_name_normalized: displayName,
        fields: null,
        status_text: "",
        status_emoji: "",
        status_expiration: 0,
        avatar_hash: "g0000000000",
        ...(spec.email ? { email: spec.email } : {}),
        first_name: first ?? "",
        last_name: rest.join(" "),
        image_48: "https://secure.gravatar.com/avatar/0.jpg?s=48",
        team: spec.team_id ?? this.team.id,
      },
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: spec.is_restricted ?? false,
      is_ultra_restricted: spec.is_ultra_restricted ?? false,
      ...(spec.enterprise_id
        ? {
            enterprise_user: {
              id,
              enterprise_id: spec.enterprise_id,
              enterprise_name: "Grid",
              is_admin: false,
              is_owner: false,
              teams: [spec.team_id ?? this.team.id],
            },
          }
        : {}),
      is_bot: spec.is_bot ?? isBot,
      is_app_user: false,
      updated: 1_700_000_000,
      is_email_confirmed: true,
      who_can_share_contact_card: "EVERYONE",
    };
  }

  channelObject(id: string): Record<string, unknown> {
    const spec = this.channels.get(id) ?? {};
    const isIm = id.startsWith("D");
    const isPrivate = spec.is_private ?? id.startsWith("G");
    const name = spec.name ?? id.toLowerCase();
    const common = {
      id,
      created: 1_700_000_000,
      is_archived: spec.is_archived ?? false,
      is_org_shared: false,
      context_team_id: this.team.id,
      updated: 1_700_000_000_000,
    };
    if (isIm) return { ...common, is_im: true, is_user_deleted: false, user: `U${id.slice(1)}`, priority: 0 };
    return {
      ...common,
      name,
      is_channel: !isPrivate,
      is_group: isPrivate,
      is_im: false,
      is_mpim: false,
      is_private: isPrivate,
      is_general: name === "general",
      unlinked: 0,
      name_normalized: name,
      is_shared: false,
      is_pending_ext_shared: false,
      pending_shared: [],
      parent_conversation: null,
      creator: "U0CREATOR1",
      is_ext_shared: false,
      shared_team_ids: [this.team.id],
      pending_connected_team_ids: [],
      is_member: spec.is_member ?? true,
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      previous_names: [],
    };
  }

  /** Completes an OAuth install: the response Slack gives, with its bot token now valid. */
  install(code: string, spec: Partial<OAuthInstall> = {}): Record<string, unknown> {
    const team = spec.team === undefined ? { id: this.team.id, name: this.team.name } : spec.team;
    const enterprise = spec.enterprise ?? null;
    const isEnterpriseInstall = spec.is_enterprise_install ?? false;
    const botUserId = spec.bot_user_id ?? DEFAULT_BOT.userId;
    const accessToken = spec.access_token ?? `xoxb-${randomInt(1e9, 1e10)}-${randomInt(1e12, 1e13)}-${hex(12)}`;
    const scope = spec.scope ?? DEFAULT_BOT_SCOPES;
    this.usedCodes.add(code);
    this.addToken(accessToken, {
      team_id: team?.id ?? "",
      team: team?.name ?? enterprise?.name ?? "",
      url: `https://${(team?.name ?? enterprise?.name ?? "org").toLowerCase().replace(/[^a-z0-9]+/g, "-")}.slack.com/`,
      user_id: botUserId,
      user: DEFAULT_BOT.name,
      bot_id: slackId("B"),
      enterprise_id: enterprise?.id,
      is_enterprise_install: isEnterpriseInstall,
    });
    return {
      ok: true,
      app_id: spec.app_id ?? this.appId,
      authed_user: spec.authed_user ?? { id: "U0INSTALL1" },
      scope,
      token_type: "bot",
      access_token: accessToken,
      bot_user_id: botUserId,
      team,
      enterprise,
      is_enterprise_install: isEnterpriseInstall,
    };
  }
}

/** Seconds east of UTC right now, as Slack's tz_offset. */
export function tzOffsetSeconds(tz: string, at = new Date()): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === "-" ? -seconds : seconds;
}

function tzLabel(tz: string): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "long" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? tz
  );
}
