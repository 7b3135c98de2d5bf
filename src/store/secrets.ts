/**
 * Secrets at rest (Slack tokens, installation payloads): AES-256-GCM under
 * CHARTER_ENCRYPTION_KEY. The stored form is "v1:<iv>:<tag>:<ciphertext>",
 * each part base64, so the format can change later without guessing.
 *
 * Associated data binds a ciphertext to where it belongs (its tenant and
 * column): copied into another row it no longer decrypts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const KEY_BYTES = 32;
/** The size GCM is specified for; a fresh one per encryption, never reused with the same key. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Raised for keys and stored secrets that cannot be used; messages never contain either. */
export class SecretError extends Error {
  override name = "SecretError";
}

const KEY_HELP = "CHARTER_ENCRYPTION_KEY must be 32 bytes, base64 or hex (generate one with: openssl rand -base64 32)";

/** Reads the key: 64 hex characters, or base64 (standard or URL-safe, padding optional) of 32 bytes. */
export function parseEncryptionKey(raw: string): Buffer {
  const value = raw.trim();
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const standard = value.replace(/-/g, "+").replace(/_/g, "/").replace(/=$/, "");
    const bytes = Buffer.from(standard, "base64");
    // Buffer.from ignores stray trailing bits; a key must round-trip exactly.
    if (bytes.length === KEY_BYTES && bytes.toString("base64").replace(/=$/, "") === standard) return bytes;
  }
  throw new SecretError(KEY_HELP);
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SecretError(KEY_HELP);
}

export function encryptSecret(key: Buffer, plaintext: string, associatedData?: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

/** The plaintext, or SecretError when the text is malformed, altered, or from another key or associated data. */
export function decryptSecret(key: Buffer, text: string, associatedData?: string): string {
  checkKey(key);
  const parts = text.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SecretError(`A stored secret is not in the expected ${VERSION}:<iv>:<tag>:<ciphertext> format.`);
  }
  const [, ivText, tagText, dataText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64");
  const tag = Buffer.from(tagText, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretError(`A stored secret is not in the expected ${VERSION}:<iv>:<tag>:<ciphertext> format.`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64")), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell these apart, and the underlying error says nothing more useful.
    throw new SecretError(
      "A stored secret could not be decrypted: CHARTER_ENCRYPTION_KEY is not the key it was written with, " +
        "or the stored value was altered or moved to another row.",
    );
  }
}
