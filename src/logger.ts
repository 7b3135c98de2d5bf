/**
 * Structured JSON-lines logs on stderr (stdout belongs to command output),
 * written by pino. Secrets never reach a line: pino's redact paths mask the
 * fields we know carry them, every key that looks like a secret is masked at
 * any depth, and token-shaped text (xoxb-…, Bearer …, JWTs) is masked inside
 * strings too, since error messages sometimes quote a request.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream } from "pino";
import type { Logger } from "./core/index.js";

/** What a log line written while handling one HTTP request carries (its x-request-id). */
export interface RequestScope {
  requestId: string;
}

/** Set by the HTTP server around each request; every logger adds its request id, so the core need not pass it along. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export const REDACTED = "[redacted]";
const SECRET_KEY = /token|secret|password|authorization|cookie|key|signature/i;
// Slack tokens, bearer credentials, JWTs (Microsoft Entra access tokens) and client secrets in a quoted token request.
const SECRET_TEXT =
  /\b(?:xox[abposr]|xapp)-[A-Za-z0-9-]+|\bBearer\s+[A-Za-z0-9._~+/-]+=*|\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|\b(?:client_secret|client_assertion)=[^&\s]+/gi;
const SECRET_FIELD = /^(client_secret|client_assertion)=/i;

/** Fields known to carry credentials, wherever a log call nests them (pino's fast-redact paths). */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "signingSecret",
  "clientSecret",
  "appPassword",
  "password",
  "*.password",
];

/** Masks token-shaped text inside a string. */
export const scrubText = (text: string): string =>
  text.replace(SECRET_TEXT, (m) => {
    if (/^bearer/i.test(m)) return `Bearer ${REDACTED}`;
    const field = SECRET_FIELD.exec(m);
    return field ? `${field[1]}=${REDACTED}` : REDACTED;
  });

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return scrubText(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error)
    return { type: value.name, message: scrubText(value.message), ...(value.stack ? { stack: scrubText(value.stack) } : {}) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)]));
}

/** A logger on stderr, or on `write` (one JSON line per call, no trailing newline) when given. */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) }
    : // Synchronous, so the last lines before an exit are not lost.
      pino.destination({ dest: 2, sync: true });
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (data) => redact(data) as Record<string, unknown>,
      },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    destination,
  );
  const at =
    (lvl: Exclude<LogLevel, "silent">) =>
    (msg: string, data?: Record<string, unknown>): void => {
      if (!logger.isLevelEnabled(lvl)) return;
      if (data) logger[lvl](data, scrubText(msg));
      else logger[lvl](scrubText(msg));
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
