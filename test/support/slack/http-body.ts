/**
 * Reads Web API request bodies the way Slack does: form-urlencoded (what
 * @slack/web-api sends), JSON (what response_url and some clients send), or
 * multipart (what the WebClient switches to when an argument is binary).
 */
import type { IncomingMessage } from "node:http";

/**
 * Arguments the WebClient JSON-encodes inside a form body. Only these are
 * decoded, so a `text` that happens to start with "[" stays a string.
 */
const JSON_FIELDS = new Set([
  "attachments",
  "blocks",
  "files",
  "metadata",
  "option_groups",
  "options",
  "unfurls",
  "user_auth_blocks",
  "view",
]);

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface UploadedFile {
  filename: string;
  size: number;
  type: string;
  /** The file's contents as they arrived, so tests can compare them byte for byte. */
  bytes: Uint8Array;
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Record<string, unknown>> {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (raw.length === 0) return {};
  if (type === "application/json") {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { body: parsed };
  }
  if (type === "multipart/form-data") {
    const form = await new Request("http://body.local/", {
      method: "POST",
      headers: { "content-type": contentType! },
      body: raw,
    }).formData();
    const args: Record<string, unknown> = {};
    for (const [key, value] of form) {
      args[key] =
        typeof value === "string"
          ? decodeField(key, value)
          : ({
              filename: value.name,
              size: value.size,
              type: value.type,
              bytes: new Uint8Array(await value.arrayBuffer()),
            } satisfies UploadedFile);
    }
    return args;
  }
  return formArgs(new URLSearchParams(raw.toString("utf8")));
}

export function formArgs(params: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of params) args[key] = decodeField(key, value);
  return args;
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
