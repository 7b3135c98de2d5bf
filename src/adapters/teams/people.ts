/**
 * Teams users as Charter members. A message names people by their channel id
 * (29:…) while the people picker and the sender carry their Entra object id;
 * Charter keys everyone by the object id, looked up once through the Bot
 * Connector (TeamsInfo.getMember) and cached, so the same person is always
 * the same member. When the look-up fails (the Emulator, a guest) the id as
 * given is used. The same roster entry says whether the sender is a guest or
 * from another tenant (context.ts), so a busy chat costs one look-up per
 * person in a while, not one per message.
 */
import { TeamsInfo, type ChannelAccount, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import { type Logger, withoutReserved } from "../../core/index.js";
import { userIdOf } from "./activity.js";

export interface Person {
  id: string;
  name?: string;
}

/** What the conversation's roster says of someone: their role ("user", "guest", …) and home tenant, when given. */
export interface RosterFacts {
  userRole: string | null;
  tenantId: string | null;
}

type Account = Pick<ChannelAccount, "id"> & Partial<Pick<ChannelAccount, "name" | "aadObjectId">>;

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

export class TeamsPeople {
  /** A failed look-up is kept as the person as given, without roster facts. */
  private readonly entries = new Map<string, { person: Person; roster?: RosterFacts; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Who an account (a mention, or an id from the people picker) is. */
  async resolve(context: TurnContext, tenant: string, account: Account): Promise<Person> {
    const given = givenPerson(account);
    if (account.aadObjectId && account.name) return given;
    const hit = this.hit(tenant, account.id);
    if (hit) return hit.person;
    try {
      return this.remember(tenant, account, await TeamsInfo.getMember(context, account.id)).person;
    } catch (err) {
      // Outside a team or chat roster (the Emulator, a removed user): the id as given still names them.
      this.log.debug("teams member look-up failed", { error: err instanceof Error ? err.message : String(err) });
      this.keep(`${tenant}/${account.id}`, { person: given, until: this.now() + TTL_MS });
      return given;
    }
  }

  /** What the roster says of an account; null when the look-up fails (not remembered: the next message asks again). */
  async roster(context: TurnContext, tenant: string, account: Account): Promise<RosterFacts | null> {
    const hit = this.hit(tenant, account.id);
    if (hit?.roster) return hit.roster;
    try {
      return this.remember(tenant, account, await TeamsInfo.getMember(context, account.id)).roster;
    } catch (err) {
      this.log.warn("teams member look-up failed; taken as the tenant's own", { error: err instanceof Error ? err.message : String(err) });
      return null;
    }
  }

  private hit(tenant: string, accountId: string) {
    const hit = this.entries.get(`${tenant}/${accountId}`);
    return hit && hit.until > this.now() ? hit : undefined;
  }

  private remember(tenant: string, account: Account, member: TeamsChannelAccount) {
    const name = member.name || account.name;
    const entry = {
      // Names are person text: never the core's reference characters.
      person: { id: member.aadObjectId || userIdOf(account), ...(name ? { name: withoutReserved(name) } : {}) },
      roster: {
        userRole: typeof member.userRole === "string" ? member.userRole : null,
        tenantId: typeof member.tenantId === "string" ? member.tenantId : null,
      },
      until: this.now() + TTL_MS,
    };
    this.keep(`${tenant}/${account.id}`, entry);
    return entry;
  }

  private keep(key: string, entry: { person: Person; roster?: RosterFacts; until: number }): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }
}

function givenPerson(account: Account): Person {
  return { id: userIdOf(account), ...(account.name ? { name: withoutReserved(account.name) } : {}) };
}
