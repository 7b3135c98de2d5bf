/**
 * Builds adapter contexts for core tests: a real store, a fixed clock, and a
 * logger that records what it was told (tests can assert nothing leaked).
 */
import { DateTime } from "luxon";
import type { ChannelRef, Context, Logger } from "../../src/core/context.js";
import type { Store } from "../../src/core/store.js";
import { dispatch } from "../../src/core/dispatch.js";
import { renderText } from "../../src/core/views/render-text.js";

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

export function chat(
  store: Store,
  opts: { tenant?: string; user?: string; channel?: string; timeZone?: string; now?: string } = {},
): Chat {
  const tenant = opts.tenant ?? "local";
  const channel: ChannelRef = { id: opts.channel ?? "local", platform: "shell" };
  const now = DateTime.fromISO(opts.now ?? "2026-03-02T10:00:00Z", { zone: "utc" });
  const logs: Chat["logs"] = [];
  const log = recordingLogger(logs);
  const context = async (): Promise<Context> => {
    await store.tenants.ensure(tenant, "local");
    const user = await store.members.ensure(tenant, { platformUserId: opts.user ?? "local-user", timeZone: opts.timeZone ?? "UTC" });
    return { tenant, user, channel, now: () => now, store, log };
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
