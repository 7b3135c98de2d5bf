/**
 * Builds adapter contexts for core tests: a real store, a fixed clock, and a
 * logger that records what it was told (tests can assert nothing leaked).
 */
import { DateTime } from "luxon";
import type { ChannelRef, Context, Logger } from "../../src/core/context.js";
import type { Notifier, OutgoingMessage } from "../../src/core/notify.js";
import type { Store } from "../../src/core/store.js";
import { dispatch } from "../../src/core/dispatch.js";
import { renderText } from "../../src/core/views/render-text.js";
import { tenantPlatform } from "../../src/core/tenant-key.js";

export interface Chat {
  /** Runs chat words as this user in this channel; returns the reply and its text. */
  say(words: string): Promise<{ ok: boolean; text: string; visibility: string; reply: Awaited<ReturnType<typeof dispatch>> }>;
  context(): Promise<Context>;
  logs: { level: string; msg: string; data?: Record<string, unknown> }[];
}

export function recordingLogger(logs: Chat["logs"]): Logger {
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => void logs.push({ level, msg, ...(data ? { data } : {}) });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Records what the core posts outside the conversation, as the outbox would receive it. */
export function recordingNotifier(): Notifier & { posted: { tenant: string; message: OutgoingMessage }[] } {
  const posted: { tenant: string; message: OutgoingMessage }[] = [];
  const keys = new Set<string>();
  return {
    posted,
    async post(tenant, message) {
      const key = `${tenant}/${message.dedupeKey}`;
      const created = !keys.has(key);
      keys.add(key);
      if (created) posted.push({ tenant, message });
      return { id: key, created };
    },
  };
}

export function chat(
  store: Store,
  opts: { tenant?: string; user?: string; channel?: string; timeZone?: string; now?: string; notify?: Notifier } = {},
): Chat {
  const tenant = opts.tenant ?? "local";
  const channel: ChannelRef = { id: opts.channel ?? "local", platform: "shell" };
  const now = DateTime.fromISO(opts.now ?? "2026-03-02T10:00:00Z", { zone: "utc" });
  const logs: Chat["logs"] = [];
  const log = recordingLogger(logs);
  const context = async (): Promise<Context> => {
    await store.tenants.ensure(tenant, tenantPlatform(tenant) ?? "local");
    const user = await store.members.ensure(tenant, { platformUserId: opts.user ?? "local-user", timeZone: opts.timeZone ?? "UTC" });
    return { tenant, user, channel, now: () => now, store, notify: opts.notify ?? recordingNotifier(), log };
  };
  return {
    logs,
    context,
    async say(words) {
      const reply = await dispatch(await context(), words);
      return { ok: reply.ok, text: renderText(reply), visibility: reply.visibility, reply };
    },
  };
}
