/** What every console route gets. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Runtime } from "../../runtime.js";
import type { ConsoleRepository } from "../../store/repositories/console.js";
import type { Session, SessionKey } from "./session.js";

export interface WebDeps {
  runtime: Pick<Runtime, "store" | "log" | "outbox" | "db" | "metrics">;
  console: ConsoleRepository;
  key: SessionKey;
  /** Slack or Teams is configured: only a one-time link opens a session. */
  locked: boolean;
  /** Where the console answers (CONSOLE_HOST): a loopback address, or 0.0.0.0 / :: for everywhere. */
  consoleHost: string;
  now(): Date;
  /** Live streams open now; ended when the server stops. */
  streams: Set<ServerResponse>;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  deps: WebDeps;
  url: URL;
  /** The route's captured path parts, percent-decoded. */
  params: string[];
  /** Null only on public routes (assets, sign-in). */
  session: Session | null;
  /** The session's CSRF token, for forms on the page. */
  csrf: string;
  /** Set-Cookie for a session opened by this request. */
  setCookie?: string;
  /** POST routes: the form body, already checked for its CSRF token. */
  form?: URLSearchParams;
}

export type WebRoute = (ctx: RequestContext) => Promise<void> | void;
