/** Reply -> JSON for `charter run --json`: bigint-free, images as base64. */
import type { Reply } from "../../core/views/reply.js";

export function replyToJson(reply: Reply): string {
  return JSON.stringify(
    reply,
    (_key, value: unknown) => {
      if (typeof value === "bigint") return value.toString();
      if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
      return value;
    },
    2,
  );
}
