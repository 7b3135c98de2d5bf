/**
 * Who may reach the console, checked before any route runs:
 * 1. Only on connections made to CONSOLE_HOST's address (default 127.0.0.1),
 *    though the one HTTP server listens on HOST for Slack and Teams too; with
 *    a loopback CONSOLE_HOST the Host header must name this machine as well
 *    (a DNS-rebinding page cannot drive it).
 * 2. A session: with no chat platform configured anyone who reaches it gets
 *    one; with Slack or Teams configured only a one-time link opens one.
 * 3. Every POST: a same-origin request carrying the session's CSRF token.
 */
import { isIP } from "node:net";
import type { IncomingMessage } from "node:http";
import { csrfToken, sameOrigin, validCsrf } from "./csrf.js";
import type { WebDeps } from "./deps.js";
import {
  decodeSession,
  encodeSession,
  newSession,
  readCookie,
  cookieHeader,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type Session,
} from "./session.js";

const normalize = (address: string | undefined) => (address ?? "").replace(/^::ffff:/, "").toLowerCase();
const isLoopback = (address: string) => address === "localhost" || address === "::1" || address.startsWith("127.");
export const everywhere = (host: string) => host === "0.0.0.0" || host === "::";

/** Whether this connection reached the address the console answers on. */
export function reachesConsole(req: IncomingMessage, consoleHost: string): boolean {
  if (everywhere(consoleHost)) return true;
  const local = normalize(req.socket.localAddress);
  const wanted = normalize(consoleHost);
  if (isLoopback(wanted)) return isLoopback(local) && namesThisMachine(req);
  // A host name (not an address) cannot be compared with the socket: it is taken to mean any interface.
  return local === wanted || isIP(wanted) === 0;
}

function namesThisMachine(req: IncomingMessage): boolean {
  const host = String(req.headers.host ?? "").toLowerCase();
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return name === "localhost" || name.endsWith(".localhost") || name === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(name);
}

export type SessionOutcome = { session: Session; setCookie?: string } | { refused: "sign-in" | "expired" };

/** The request's session, or a new one where the console is open (GET only: a POST must already carry its token). */
export function sessionFor(req: IncomingMessage, deps: WebDeps, method: string): SessionOutcome {
  const now = deps.now().getTime();
  const session = decodeSession(deps.key, readCookie(req, SESSION_COOKIE), now);
  // With a platform configured only a link's session counts (an open one could predate the configuration under a shared CONSOLE_SECRET).
  if (session && (!deps.locked || session.via === "link")) return { session };
  if (deps.locked) return { refused: "sign-in" };
  if (method !== "GET") return { refused: "expired" };
  const fresh = newSession("open", now);
  return { session: fresh, setCookie: sessionCookie(req, deps, fresh) };
}

export function sessionCookie(req: IncomingMessage, deps: Pick<WebDeps, "key">, session: Session): string {
  return cookieHeader(req, SESSION_COOKIE, encodeSession(deps.key, session), Math.floor(SESSION_TTL_MS / 1000));
}

export function checkPost(req: IncomingMessage, deps: WebDeps, session: Session, form: URLSearchParams): boolean {
  return sameOrigin(req) && validCsrf(deps.key, session, form.get("csrf") ?? undefined);
}

export { csrfToken };
