/**
 * The project most command tests start from: Apollo, with a budget and dates,
 * linked to its own channel in a tenant of its own, so tests never see each
 * other's records.
 */
import { expect } from "vitest";
import type { Project, Store } from "../../src/core/store.js";
import type { Block } from "../../src/core/views/reply.js";
import { chat, recordingNotifier, type Chat } from "./context.js";

export interface ApolloFixture {
  store: Store;
  tenant: string;
  project: Project;
  /** The project manager, in Apollo's channel, at the default chat clock. */
  pm: Chat;
  /** The same user and channel with the clock at `now` (an ISO instant). */
  at(now: string): Chat;
  /** Another user (platform id = name, as `@name` creates them) in Apollo's channel, sharing the recorded posts. */
  as(user: string, now?: string): Chat;
  /** How many audit events the tenant has: unchanged means nothing was written. */
  writes(): Promise<number>;
  /** The name of a member, or null for no member. */
  name(id: string | null): Promise<string | null | undefined>;
  /** What the commands posted outside the conversation (alerts), as the outbox received it. */
  posted: ReturnType<typeof recordingNotifier>["posted"];
}

let tenants = 0;

/**
 * A fresh tenant `t-<prefix>-<n>` whose channel c-apollo is linked to Apollo
 * (10000 USD, 2026-01-05 to 2026-03-27).
 */
export async function apolloFixture(store: Store, prefix: string): Promise<ApolloFixture> {
  const tenant = `t-${prefix}-${++tenants}`;
  const notify = recordingNotifier();
  const at = (now: string) => chat(store, { tenant, channel: "c-apollo", now, notify });
  const pm = chat(store, { tenant, channel: "c-apollo", notify });
  expect((await pm.say('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27')).ok).toBe(true);
  const project = (await store.projects.findByName(tenant, "Apollo"))!;
  return {
    store,
    tenant,
    project,
    pm,
    at,
    as: (user, now) => chat(store, { tenant, channel: "c-apollo", user, notify, ...(now ? { now } : {}) }),
    writes: async () => (await store.audit.list(tenant, { limit: 10_000 })).length,
    name: async (id) => (id ? (await store.members.get(tenant, id))?.name : null),
    posted: notify.posted,
  };
}

/** Creates a second project, Zeus, linked to channel c-zeus in the same tenant; returns a chat in that channel. */
export async function createZeus(store: Store, tenant: string): Promise<Chat> {
  const zeus = chat(store, { tenant, channel: "c-zeus" });
  expect((await zeus.say('project create "Zeus"')).ok).toBe(true);
  return zeus;
}

export type TableBlock = Extract<Block, { kind: "table" }>;

/** The first table of a reply; the test fails when there is none. */
export function tableOf(blocks: readonly Block[]): TableBlock {
  const table = blocks.find((b): b is TableBlock => b.kind === "table");
  expect(table, "a table block").toBeDefined();
  return table!;
}
