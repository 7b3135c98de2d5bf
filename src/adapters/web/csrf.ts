/**
 * CSRF protection for every POST of the console: a token bound to the
 * session (HMAC of the session id under the session key), sent as a hidden
 * `csrf` field of each form and compared in constant time. A request whose
 * Origin header names another site is refused before that. The login form,
 * which comes before any session, uses a double-submit cookie instead (see
 * routes/login.ts).
 */
import type { IncomingMessage } from "node:http";
import { sameBytes, sign, type Session, type SessionKey } from "./session.js";

export function csrfToken(key: SessionKey, session: Session): string {
  return sign(key, "csrf", session.id).toString("base64url");
}

export function validCsrf(key: SessionKey, session: Session, sent: string | undefined): boolean {
  if (!sent) return false;
  return sameBytes(Buffer.from(sent, "base64url"), sign(key, "csrf", session.id));
}

/** False when the browser says the form was sent from another origin. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === "null") return origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
