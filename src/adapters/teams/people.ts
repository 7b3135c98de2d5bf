/**
 * Teams users as Charter members. A message names people by their channel id
 * (29:…) while the people picker and the sender carry their Entra object id;
 * Charter keys everyone by the object id, looked up once through the Bot
 * Connector (TeamsInfo.getMember) and cached, so the same person is always
 * the same member. When the look-up fails (the Emulator, a guest) the id as
 * given is used.
 */
import { TeamsInfo, type ChannelAccount, type TurnContext } from "botbuilder";
import type { Logger } from "../../core/context.js";
import { withoutReserved } from "../../core/views/references.js";
import { userIdOf } from "./activity.js";

export interface Person {
  id: string;
  name?: string;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

export class TeamsPeople {
  private readonly entries = new Map<string, { person: Person; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Who an account (a mention, or an id from the people picker) is. */
  async resolve(context: TurnContext, tenant: string, account: Pick<ChannelAccount, "id"> & Partial<Pick<ChannelAccount, "name" | "aadObjectId">>): Promise<Person> {
    // Names are person text: never the core's reference characters.
    const given: Person = { id: userIdOf(account), ...(account.name ? { name: withoutReserved(account.name) } : {}) };
    if (account.aadObjectId && account.name) return given;
    const key = `${tenant}/${account.id}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.person;
    let person = given;
    try {
      const member = await TeamsInfo.getMember(context, account.id);
      person = { id: member.aadObjectId || given.id, ...(member.name || account.name ? { name: withoutReserved(member.name || account.name!) } : {}) };
    } catch (err) {
      // Outside a team or chat roster (the Emulator, a removed user): the id as given still names them.
      this.log.debug("teams member look-up failed", { error: err instanceof Error ? err.message : String(err) });
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { person, until: this.now() + TTL_MS });
    return person;
  }
}
