/**
 * How a Reply is kept in a text column (outbox messages, console messages):
 * JSON, with bytes (images, files) as `{ png: <base64> }` whatever they hold.
 */
import type { Reply } from "../core/index.js";

/** Reply -> stored JSON: bytes (images, files) as `{ png: <base64> }` whatever they hold, no bigint. */
export function serializeReply(reply: Reply): string {
  return JSON.stringify(reply, (_key, value: unknown) =>
    value instanceof Uint8Array ? { png: Buffer.from(value).toString("base64") } : value,
  );
}

/** Stored JSON -> Reply: the inverse of serializeReply (bytes, an image's PNG or a file's contents, come back as Uint8Array). */
export function deserializeReply(payload: string): Reply {
  return JSON.parse(payload, (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const png = (value as { png?: unknown }).png;
      if (keys.length === 1 && typeof png === "string") return new Uint8Array(Buffer.from(png, "base64"));
    }
    return value;
  }) as Reply;
}
