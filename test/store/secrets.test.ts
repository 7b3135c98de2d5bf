import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretError, decryptSecret, encryptSecret, parseEncryptionKey } from "../../src/store/secrets.js";

const key = randomBytes(32);
const token = "xoxb-1234-5678-abcdefghijklmnop";

describe("secrets at rest", () => {
  it("round-trips, including empty and non-ASCII text", () => {
    for (const text of [token, "", "Grüße, 東京 🚀", "x".repeat(10_000)]) {
      expect(decryptSecret(key, encryptSecret(key, text))).toBe(text);
      expect(decryptSecret(key, encryptSecret(key, text, "T1"), "T1")).toBe(text);
    }
  });

  it("writes the versioned form with a fresh 12-byte IV each time", () => {
    const texts = Array.from({ length: 50 }, () => encryptSecret(key, token));
    for (const text of texts) {
      const [version, iv, tag, data] = text.split(":");
      expect(version).toBe("v1");
      expect(Buffer.from(iv!, "base64")).toHaveLength(12);
      expect(Buffer.from(tag!, "base64")).toHaveLength(16);
      expect(data).not.toContain("xoxb-");
      expect(text).not.toContain(token);
    }
    expect(new Set(texts.map((t) => t.split(":")[1])).size).toBe(texts.length);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("rejects altered ciphertext, tag or IV without revealing the plaintext", () => {
    const text = encryptSecret(key, token);
    const [version, iv, tag, data] = text.split(":") as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64");
    };
    for (const altered of [
      [version, iv, tag, flip(data)],
      [version, iv, flip(tag), data],
      [version, flip(iv), tag, data],
    ]) {
      expect(() => decryptSecret(key, altered.join(":"))).toThrow(SecretError);
      try {
        decryptSecret(key, altered.join(":"));
      } catch (error) {
        expect(String(error)).toMatch(/could not be decrypted/);
        expect(String(error)).not.toContain("xoxb");
      }
    }
  });

  it("rejects malformed and unknown-version text", () => {
    const text = encryptSecret(key, token);
    for (const bad of [
      "",
      token,
      text.replace(/^v1:/, "v2:"),
      text.split(":").slice(0, 3).join(":"),
      `${text}:extra`,
      "v1:AAAA:AAAA:AAAA",
    ]) {
      expect(() => decryptSecret(key, bad)).toThrow(/not in the expected v1:<iv>:<tag>:<ciphertext> format/);
    }
  });

  it("fails with another key", () => {
    const text = encryptSecret(key, token);
    expect(() => decryptSecret(randomBytes(32), text)).toThrow(/CHARTER_ENCRYPTION_KEY is not the key it was written with/);
  });

  it("binds ciphertext to its associated data (tenant)", () => {
    const text = encryptSecret(key, token, "tenant-A");
    expect(decryptSecret(key, text, "tenant-A")).toBe(token);
    expect(() => decryptSecret(key, text, "tenant-B")).toThrow(SecretError);
    expect(() => decryptSecret(key, text)).toThrow(SecretError);
    expect(() => decryptSecret(key, encryptSecret(key, token), "tenant-A")).toThrow(SecretError);
  });

  it("refuses keys of the wrong length when used", () => {
    expect(() => encryptSecret(randomBytes(16), token)).toThrow(/must be 32 bytes/);
    expect(() => decryptSecret(randomBytes(16), encryptSecret(key, token))).toThrow(/must be 32 bytes/);
  });
});

describe("parseEncryptionKey", () => {
  const bytes = randomBytes(32);

  it("accepts 32 bytes as base64 (padded or not, standard or URL-safe) or hex", () => {
    const b64 = bytes.toString("base64");
    for (const raw of [
      b64,
      b64.replace(/=$/, ""),
      bytes.toString("base64url"),
      bytes.toString("hex"),
      bytes.toString("hex").toUpperCase(),
      ` ${b64}\n`,
    ]) {
      expect(parseEncryptionKey(raw).equals(bytes)).toBe(true);
    }
  });

  it("rejects anything else and says what is expected, never echoing the value", () => {
    const bad = [
      "",
      "secret-passphrase-not-a-key",
      randomBytes(16).toString("base64"),
      randomBytes(33).toString("base64"),
      randomBytes(31).toString("hex"),
      `${bytes.toString("hex")}00`,
      `${bytes.toString("base64").slice(0, -2)}!=`,
    ];
    for (const raw of bad) {
      let message = "";
      try {
        parseEncryptionKey(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(SecretError);
        message = (error as Error).message;
      }
      expect(message).toBe("CHARTER_ENCRYPTION_KEY must be 32 bytes, base64 or hex (generate one with: openssl rand -base64 32)");
      if (raw) expect(message).not.toContain(raw);
    }
  });
});
