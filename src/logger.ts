/**
 * JSON-lines logger on stderr (stdout belongs to command output). Values of
 * keys that look like secrets are masked, so a token passed along by mistake
 * never reaches the log.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "./core/context.js";

/** What a log line written while handling one HTTP request carries (its x-request-id). */
export interface RequestScope {
  requestId: string;
}

/** Set by the HTTP server around each request; every logger adds its request id, so the core need not pass it along. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /token|secret|password|authorization|cookie|key|signature/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1)]));
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Logger {
  const at =
    (lvl: Exclude<LogLevel, "silent">) =>
    (msg: string, data?: Record<string, unknown>): void => {
      if (ORDER[lvl] < ORDER[level]) return;
      const scope = requestScope.getStore();
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          level: lvl,
          msg,
          ...(scope ? { requestId: scope.requestId } : {}),
          ...(data ? (redact(data) as object) : {}),
        }),
      );
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
