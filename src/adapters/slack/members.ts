/**
 * Slack users as Charter members: display name and time zone come from
 * users.info, cached for a while so a busy channel does not spend its rate
 * limit on profile look-ups.
 */
import type { WebClient } from "@slack/web-api";
import { type Logger, withoutReserved } from "../../core/index.js";

export interface SlackProfile {
  name: string;
  timeZone: string | null;
  /** The person's own workspace and Enterprise Grid org; null when unknown (users.info failed). */
  teamId: string | null;
  enterpriseId: string | null;
  /** A guest account (multi- or single-channel guest). */
  restricted: boolean;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

export class ProfileCache {
  private readonly entries = new Map<string, { profile: SlackProfile; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async get(client: WebClient, tenant: string, userId: string, fallbackName?: string): Promise<SlackProfile> {
    const key = `${tenant}/${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.profile;
    let profile: SlackProfile = {
      name: withoutReserved(fallbackName ?? userId),
      timeZone: null,
      teamId: null,
      enterpriseId: null,
      restricted: false,
    };
    try {
      const info = await client.users.info({ user: userId });
      const user = info.user;
      if (user) {
        profile = {
          // A display name is person text: it can never carry the core's reference characters.
          name: withoutReserved(user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || profile.name),
          timeZone: user.tz ?? null,
          teamId: user.team_id ?? null,
          enterpriseId: user.enterprise_user?.enterprise_id ?? null,
          restricted: user.is_restricted === true || user.is_ultra_restricted === true,
        };
      }
    } catch (err) {
      // A missing users:read scope or a hiccup must not block the command: use what the payload said.
      this.log.warn("slack users.info failed", { error: err instanceof Error ? err.message : String(err) });
      return profile;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { profile, until: this.now() + TTL_MS });
    return profile;
  }
}
