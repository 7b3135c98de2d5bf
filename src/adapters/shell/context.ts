/**
 * The shell is a chat platform too: a tenant, a user and a channel given on
 * the command line (defaults: local / local-user / local), the machine's
 * time zone and clock. The tenant is a tenant key: `local`, `local:<name>`,
 * or an operator acting inside `slack:T0123` or `teams:<tenant id>`.
 */
import { DateTime } from "luxon";
import { type Context, LOCAL_TENANT, tenantPlatform, outboxNotifier } from "../../core/index.js";
import type { Runtime } from "../../runtime.js";

export interface ShellIdentity {
  tenant: string;
  user: string;
  channel: string;
}

export const DEFAULT_IDENTITY: ShellIdentity = { tenant: LOCAL_TENANT, user: "local-user", channel: "local" };

export async function shellContext(
  { store, log, outbox, limiter }: Pick<Runtime, "store" | "log" | "outbox" | "limiter">,
  who: ShellIdentity,
  now: () => DateTime = () => DateTime.now(),
): Promise<Context> {
  // The tenant's own platform, so acting in a Slack workspace never turns it into a local tenant.
  await store.tenants.ensure(who.tenant, tenantPlatform(who.tenant) ?? "local");
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  const user = await store.members.ensure(who.tenant, { platformUserId: who.user, name: who.user, timeZone });
  return {
    tenant: who.tenant,
    user,
    channel: { id: who.channel, name: who.channel, platform: "shell" },
    now,
    store,
    // With no chat platform here, the local outbox is where the bot "posts" (see `charter outbox`).
    notify: outboxNotifier(outbox, "local"),
    log,
    ...(limiter ? { limiter } : {}),
  };
}
