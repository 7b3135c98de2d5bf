/**
 * Slack's request signing (v0): HMAC-SHA256 of "v0:<timestamp>:<raw body>"
 * with the app's signing secret, hex-encoded in X-Slack-Signature.
 */
import { createHmac } from "node:crypto";

export interface SlackSignatureHeaders {
  "X-Slack-Request-Timestamp": string;
  "X-Slack-Signature": string;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export function signSlackRequest(secret: string, rawBody: string, timestampSeconds: number = nowSeconds()): SlackSignatureHeaders {
  const digest = createHmac("sha256", secret).update(`v0:${timestampSeconds}:${rawBody}`).digest("hex");
  return { "X-Slack-Request-Timestamp": String(timestampSeconds), "X-Slack-Signature": `v0=${digest}` };
}
