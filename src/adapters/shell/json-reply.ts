/** Reply -> JSON for `charter run --json`: bigint-free, images as base64. */
import { plainReferences, type Reply } from "../../core/index.js";

export function replyToJson(reply: Reply): string {
  return JSON.stringify(
    reply,
    (_key, value: unknown) => {
      if (typeof value === "bigint") return value.toString();
      // Nothing is live outside a chat: references read as @name, #channel, label (url).
      if (typeof value === "string") return plainReferences(value);
      if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
      return value;
    },
    2,
  );
}
