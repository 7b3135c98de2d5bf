/**
 * Bolt's logger interface over ours. Bolt's debug output includes request
 * payloads, so it is dropped; the rest goes out as plain messages.
 */
import { LogLevel, type Logger as SlackLogger } from "@slack/logger";
import type { Logger } from "../../core/index.js";

const text = (parts: unknown[]) =>
  parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ");

export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg) => log.debug(`slack: ${text(msg)}`),
    warn: (...msg) => log.warn(`slack: ${text(msg)}`),
    error: (...msg) => log.error(`slack: ${text(msg)}`),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
