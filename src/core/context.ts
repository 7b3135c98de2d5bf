/**
 * What every adapter hands the core. The core never reads the environment,
 * the clock or a platform SDK directly: it gets them from here.
 */
import type { DateTime } from "luxon";
import type { Notifier } from "./notify.js";
import type { RateLimiter } from "./rate-limit.js";
import type { Platform, Store } from "./store.js";
import type { TenantId } from "./tenancy.js";

export type { TenantId } from "./tenancy.js";

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface ChannelRef {
  /** Stable key of the conversation within the tenant: Slack channel id, Teams conversation id, "local". */
  id: string;
  name?: string;
  /** Where the person is: Slack, Teams, or one of the local surfaces (the shell or the web console). */
  platform: Exclude<Platform, "local"> | "shell" | "web";
}

/**
 * How a command ended: did what it was asked, was refused (bad input, not
 * allowed), was turned away by the rate limit, or failed on Charter's side.
 */
export type CommandOutcome = "ok" | "rejected" | "limited" | "error";

/**
 * Told about every command the core runs (metrics): called when a command
 * arrives, it returns the function called once when it ends, with the
 * command's path ("cost add", or "unknown") and its outcome. Never free text.
 */
export type CommandObserver = () => (command: string, outcome: CommandOutcome) => void;

export interface Context {
  tenant: TenantId;
  /** The member running the command, already resolved in the store. */
  user: import("./store.js").Member;
  channel: ChannelRef;
  now(): DateTime;
  store: Store;
  /** Messages to other channels and people, through the outbox. */
  notify: Notifier;
  log: Logger;
  /** Optional: who hears how each command ended (the process's metrics). */
  observe?: CommandObserver;
  /** Optional: the process's command rate limits, checked before anything else runs. */
  limiter?: RateLimiter;
  /** Set when the person is from outside the workspace (another organisation, a guest): see core/outsiders.ts. */
  outsider?: Outsider;
}

/** Someone from another organisation in a shared channel, or a guest account of the workspace. */
export type Outsider = "external" | "guest";
