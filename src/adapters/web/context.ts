/**
 * The console is a chat platform too: the local tenant, the local user (the
 * same one `charter run` and `charter shell` act as, so projects created in
 * either are theirs in both), a local channel, the machine's time zone.
 * What the bot posts on its own goes to the local outbox, which the console
 * shows inside the channel it was posted to.
 */
import { DateTime } from "luxon";
import { type Context, outboxNotifier } from "../../core/index.js";
import type { Runtime } from "../../runtime.js";
import { CONSOLE_TENANT } from "../../store/repositories/console.js";

export const CONSOLE_USER = "local-user";

export const machineZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";

export async function webContext(
  runtime: Pick<Runtime, "store" | "log" | "outbox" | "metrics" | "limiter">,
  channelId: string,
  now: () => DateTime = () => DateTime.now(),
): Promise<Context> {
  const { store, log, outbox } = runtime;
  await store.tenants.ensure(CONSOLE_TENANT, "local");
  const user = await store.members.ensure(CONSOLE_TENANT, { platformUserId: CONSOLE_USER, name: CONSOLE_USER, timeZone: machineZone() });
  return {
    tenant: CONSOLE_TENANT,
    user,
    channel: { id: channelId, name: channelId, platform: "web" },
    now,
    store,
    notify: outboxNotifier(outbox, "local"),
    log,
    ...(runtime.metrics ? { observe: runtime.metrics.observeCommand } : {}),
    ...(runtime.limiter ? { limiter: runtime.limiter } : {}),
  };
}
