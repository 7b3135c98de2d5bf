/**
 * How Slack is connected, derived from the validated configuration:
 * nothing, one workspace (bot token) over HTTP or Socket Mode, or any
 * number of workspaces installed through OAuth.
 */
import type { Config } from "../../config.js";

/** What the app asks for; the manifest in manifests/slack/ lists the same scopes. */
export const BOT_SCOPES = [
  "app_mentions:read",
  // Reading its own recent posts lets the outbox check whether a send cut off by a crash reached Slack, instead of posting twice.
  "channels:history",
  "channels:read",
  "chat:write",
  "commands",
  "files:write",
  "groups:history",
  "groups:read",
  "im:history",
  "im:write",
  "users:read",
] as const;

interface Common {
  signingSecret?: string;
  apiUrl?: string;
}

export type SlackSettings =
  | (Common & { transport: "socket"; appToken: string; botToken: string })
  | (Common & { transport: "http"; signingSecret: string; botToken: string })
  | (Common & {
      transport: "http-oauth";
      signingSecret: string;
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      encryptionKey: string;
      redirectUri?: string;
    });

export function slackSettings(config: Config): SlackSettings | null {
  const common: Common = {
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL.endsWith("/") ? config.SLACK_API_URL : `${config.SLACK_API_URL}/` } : {}),
  };
  if (
    config.SLACK_CLIENT_ID &&
    config.SLACK_CLIENT_SECRET &&
    config.SLACK_SIGNING_SECRET &&
    config.SLACK_STATE_SECRET &&
    config.CHARTER_ENCRYPTION_KEY
  ) {
    return {
      ...common,
      transport: "http-oauth",
      signingSecret: config.SLACK_SIGNING_SECRET,
      clientId: config.SLACK_CLIENT_ID,
      clientSecret: config.SLACK_CLIENT_SECRET,
      stateSecret: config.SLACK_STATE_SECRET,
      encryptionKey: config.CHARTER_ENCRYPTION_KEY,
      ...(config.SLACK_REDIRECT_URI ? { redirectUri: config.SLACK_REDIRECT_URI } : {}),
    };
  }
  if (config.SLACK_APP_TOKEN && config.SLACK_BOT_TOKEN)
    return { ...common, transport: "socket", appToken: config.SLACK_APP_TOKEN, botToken: config.SLACK_BOT_TOKEN };
  if (config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET) {
    return { ...common, transport: "http", signingSecret: config.SLACK_SIGNING_SECRET, botToken: config.SLACK_BOT_TOKEN };
  }
  return null;
}
