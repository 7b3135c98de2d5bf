/** Small pieces several command handlers need: members from mentions, names, money text. */
import type { Context } from "../context.js";
import { formatMoney } from "../domain/money.js";
import type { Member } from "../store.js";

/**
 * The member a mention names; created on first mention so tasks can be
 * assigned before someone speaks. The name it showed is only a new member's:
 * mentioning someone never renames them.
 */
export function memberFor(ctx: Context, mention: { id: string; name?: string }): Promise<Member> {
  return ctx.store.members.ensure(
    ctx.tenant,
    { platformUserId: mention.id, ...(mention.name ? { name: mention.name } : {}) },
    { rename: false },
  );
}

export const at = (member: Pick<Member, "name"> | undefined | null): string => (member ? `@${member.name}` : "—");

/** id -> member for rendering lists in one query. */
export async function membersById(ctx: Context, ids: (string | null | undefined)[]): Promise<Map<string, Member>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const members = unique.length ? await ctx.store.members.getMany(ctx.tenant, unique) : [];
  return new Map(members.map((m) => [m.id, m]));
}

export const money = (minor: bigint, currency: string): string => formatMoney(minor, currency);

export const ref = (n: number): string => `#${n}`;

/** "a, b and c". */
export const joinWords = (words: string[]): string =>
  words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

/** A name as one quoted word of a command; defined next to the tokenizer it must match. */
export { inProject, quoted } from "../grammar/quote.js";
