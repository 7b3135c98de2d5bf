/**
 * The console's session: a cookie holding `<payload>.<HMAC-SHA256>` (both
 * base64url), signed with the session key and checked with
 * crypto.timingSafeEqual. It names the session (a random id, which the CSRF
 * token is bound to) and when it ends; nothing secret is in it.
 * HttpOnly, SameSite=Strict, Path=/, Secure when served over HTTPS.
 *
 * The key is CONSOLE_SECRET when set (sessions then survive restarts and
 * are shared by replicas), otherwise 32 random bytes made by this process:
 * a restart signs everyone out, and the next one-time link signs back in.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const SESSION_COOKIE = "charter_console";
/** A session lasts this long after its sign-in. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface Session {
  /** Random id; the CSRF token is derived from it. */
  id: string;
  /** Epoch milliseconds when it stops being accepted. */
  expiresAt: number;
  /** How it was opened: a one-time link, or the open console when no chat platform is configured. */
  via: "link" | "open";
}

export type SessionKey = Buffer;

export function sessionKey(secret: string | undefined): SessionKey {
  return secret ? createHmac("sha256", "charter-console").update(secret).digest() : randomBytes(32);
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function sign(key: SessionKey, purpose: string, value: string): Buffer {
  return createHmac("sha256", key).update(`${purpose}\n${value}`).digest();
}

/** Constant-time comparison of two byte strings of any length. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newSession(via: Session["via"], now: number): Session {
  return { id: randomBytes(18).toString("base64url"), expiresAt: now + SESSION_TTL_MS, via };
}

export function encodeSession(key: SessionKey, session: Session): string {
  const payload = b64(JSON.stringify(session));
  return `${payload}.${b64(sign(key, "session", payload))}`;
}

export function decodeSession(key: SessionKey, cookie: string | undefined, now: number): Session | null {
  if (!cookie) return null;
  const [payload, signature, extra] = cookie.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  if (!sameBytes(Buffer.from(signature, "base64url"), sign(key, "session", payload))) return null;
  try {
    const session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Session>;
    if (typeof session.id !== "string" || typeof session.expiresAt !== "number" || (session.via !== "link" && session.via !== "open"))
      return null;
    if (session.expiresAt <= now) return null;
    return session as Session;
  } catch {
    return null;
  }
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Behind a TLS-terminating proxy the request says so in X-Forwarded-Proto. */
export function isHttps(req: IncomingMessage): boolean {
  return (
    Boolean((req.socket as { encrypted?: boolean }).encrypted) ||
    String(req.headers["x-forwarded-proto"] ?? "")
      .split(",")[0]!
      .trim() === "https"
  );
}

export function cookieHeader(req: IncomingMessage, name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isHttps(req) ? "; Secure" : ""}`;
}
