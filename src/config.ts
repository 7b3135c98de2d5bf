/**
 * The environment, validated once at start-up. A wrong value stops Charter
 * with a message that names the variable and what it expects; values are
 * never echoed back, since some of them are secrets.
 */
import { z } from "zod";
import { resolveDatabaseUrl } from "./store/database.js";
import { parseEncryptionKey } from "./store/secrets.js";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./core/index.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How the bot's identity is hosted in Microsoft Entra (the Azure Bot's "Type of App"). */
export const APP_TYPES = ["MultiTenant", "SingleTenant", "UserAssignedMSI"] as const;
/** The Azure cloud the Azure Bot lives in; each has its own login, token audience and signing keys. */
export const BOT_CLOUDS = ["public", "usgov", "china"] as const;

/** A whole number of commands, 0 or more. */
function rate(what: string, fallback: number) {
  const expected = `expected a whole number of ${what}, 0 or more (0 turns the limit off)`;
  return z.coerce
    .number({ error: expected })
    .int({ error: expected })
    .min(0, { error: expected })
    .max(1_000_000, { error: `expected at most 1000000 ${what}` })
    .default(fallback);
}

const schema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        resolveDatabaseUrl(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "expected file:<path> (SQLite) or postgresql://user@host:port/db (PostgreSQL)" });
      }
    }),
  PORT: z.coerce
    .number({ error: "expected a port number" })
    .int({ error: "expected a whole port number" })
    .min(0, { error: "expected a port from 0 to 65535" })
    .max(65535, { error: "expected a port from 0 to 65535" })
    .default(3000),
  HOST: z.string().min(1, { error: "expected a host name or address" }).default("0.0.0.0"),
  // The web console: which address it answers on, and the key that signs its session cookies.
  CONSOLE_HOST: z.string().min(1, { error: "expected an address such as 127.0.0.1 or 0.0.0.0" }).default("127.0.0.1"),
  CONSOLE_SECRET: z.string().min(32, { error: "expected a random string of at least 32 characters (openssl rand -base64 32)" }).optional(),
  // GET /metrics: when set, scrapes must send `Authorization: Bearer <token>`.
  METRICS_TOKEN: z.string().min(16, { error: "expected a random string of at least 16 characters (openssl rand -hex 24)" }).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"], { error: "expected debug, info, warn, error or silent" }).default("info"),

  // Slack: a bot token (one workspace) or OAuth client credentials (any number of workspaces).
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", { error: "expected a bot token starting with xoxb-" }).optional(),
  SLACK_APP_TOKEN: z.string().startsWith("xapp-", { error: "expected an app-level token starting with xapp-" }).optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, { error: "expected the signing secret from the app's Basic Information page" }).optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(16, { error: "expected a random string of at least 16 characters" }).optional(),
  SLACK_REDIRECT_URI: z.url({ error: "expected the full https URL of /slack/oauth_redirect" }).optional(),
  SLACK_API_URL: z.url({ error: "expected a URL such as https://slack.com/api/" }).optional(),
  CHARTER_ENCRYPTION_KEY: z.string().optional(),

  // Microsoft Teams: the Azure Bot's app registration. With an app id every request must carry a valid Bot Framework token.
  MICROSOFT_APP_ID: z
    .string()
    .regex(GUID, { error: "expected the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000" })
    .optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().regex(GUID, { error: "expected the Microsoft Entra tenant ID, a GUID" }).optional(),
  MICROSOFT_APP_TYPE: z
    .string()
    .transform((value) => APP_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase()))
    .refine((value) => value !== undefined, { error: "expected MultiTenant, SingleTenant or UserAssignedMSI" })
    .optional(),
  MICROSOFT_BOT_OPENID_METADATA: z.url({ error: "expected the URL of an OpenID configuration document" }).optional(),
  TEAMS_ALLOW_UNAUTHENTICATED: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
  // The Bot Framework endpoints: the cloud's own by default, each replaceable (private clouds, a local stand-in).
  MICROSOFT_BOT_CLOUD: z.enum(BOT_CLOUDS, { error: "expected public, usgov or china" }).optional(),
  MICROSOFT_BOT_LOGIN_URL: z
    .url({
      protocol: /^https$/,
      error:
        "expected the https URL of the Microsoft Entra authority bots get tokens from, such as https://login.microsoftonline.com/botframework.com",
    })
    .optional(),
  MICROSOFT_BOT_OAUTH_SCOPE: z
    .url({ error: "expected the audience of the Bot Connector's tokens, such as https://api.botframework.com" })
    .optional(),
  MICROSOFT_BOT_TOKEN_ISSUER: z
    .url({ error: "expected the issuer of the Bot Connector's tokens, such as https://api.botframework.com" })
    .optional(),

  // Command rate limits, per process (each replica enforces its own); 0 turns a limit off.
  RATE_LIMIT_USER_PER_MINUTE: rate("commands a minute per person", DEFAULT_RATE_LIMITS.userPerMinute),
  RATE_LIMIT_USER_BURST: rate("commands a person may send at once", DEFAULT_RATE_LIMITS.userBurst),
  RATE_LIMIT_TENANT_PER_MINUTE: rate("commands a minute per workspace", DEFAULT_RATE_LIMITS.tenantPerMinute),
  RATE_LIMIT_TENANT_BURST: rate("commands a workspace may send at once", DEFAULT_RATE_LIMITS.tenantBurst),
});

/** The rate limits the configuration asks for. */
export function rateLimitsOf(config: Config): RateLimits {
  return {
    userPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
    userBurst: config.RATE_LIMIT_USER_BURST,
    tenantPerMinute: config.RATE_LIMIT_TENANT_PER_MINUTE,
    tenantBurst: config.RATE_LIMIT_TENANT_BURST,
  };
}

/** Which variables must come together; checked after each one is valid on its own. */
function checkCombinations(config: z.infer<typeof schema>, problems: string[]): void {
  const oauth = Boolean(config.SLACK_CLIENT_ID || config.SLACK_CLIENT_SECRET);
  if (oauth) {
    for (const name of [
      "SLACK_CLIENT_ID",
      "SLACK_CLIENT_SECRET",
      "SLACK_SIGNING_SECRET",
      "SLACK_STATE_SECRET",
      "CHARTER_ENCRYPTION_KEY",
    ] as const) {
      if (!config[name])
        problems.push(`${name}: required when Slack is installed through OAuth (SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are set)`);
    }
    if (config.SLACK_BOT_TOKEN)
      problems.push("SLACK_BOT_TOKEN: leave it unset in OAuth mode; each workspace's token comes from its installation");
  }
  if (config.SLACK_APP_TOKEN && !config.SLACK_BOT_TOKEN && !oauth) {
    problems.push("SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN (Socket Mode needs the bot token of the workspace)");
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    problems.push("SLACK_SIGNING_SECRET: required to verify Slack's requests over HTTP (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  checkTeams(config, problems);
  if (config.CHARTER_ENCRYPTION_KEY) {
    try {
      parseEncryptionKey(config.CHARTER_ENCRYPTION_KEY);
    } catch (err) {
      problems.push(
        `CHARTER_ENCRYPTION_KEY: ${err instanceof Error ? err.message.replace(/^CHARTER_ENCRYPTION_KEY:?\s*/, "") : "not valid"}`,
      );
    }
  }
}

/** Teams: credentials that belong together, per app type; the unauthenticated mode only without credentials. */
function checkTeams(config: z.infer<typeof schema>, problems: string[]): void {
  const type = config.MICROSOFT_APP_TYPE ?? "MultiTenant";
  if (config.TEAMS_ALLOW_UNAUTHENTICATED === "true" && !config.MICROSOFT_APP_ID && !LOOPBACK_HOSTS.has(config.HOST.toLowerCase())) {
    // Anyone who can reach the port could act in any Teams tenant and name where Charter POSTs.
    problems.push(
      "TEAMS_ALLOW_UNAUTHENTICATED: only for local development; set HOST to 127.0.0.1, ::1 or localhost (Charter then listens on this machine only), or configure MICROSOFT_APP_ID",
    );
  }
  if (!config.MICROSOFT_APP_ID) {
    for (const name of [
      "MICROSOFT_APP_PASSWORD",
      "MICROSOFT_APP_TENANT_ID",
      "MICROSOFT_APP_TYPE",
      "MICROSOFT_BOT_OPENID_METADATA",
      "MICROSOFT_BOT_CLOUD",
      "MICROSOFT_BOT_LOGIN_URL",
      "MICROSOFT_BOT_OAUTH_SCOPE",
      "MICROSOFT_BOT_TOKEN_ISSUER",
    ] as const) {
      if (config[name]) problems.push(`MICROSOFT_APP_ID: required when ${name} is set (the Azure Bot's Microsoft App ID)`);
    }
    return;
  }
  if (config.TEAMS_ALLOW_UNAUTHENTICATED === "true") {
    problems.push("TEAMS_ALLOW_UNAUTHENTICATED: leave it unset when MICROSOFT_APP_ID is set; every request is then authenticated");
  }
  if (type === "UserAssignedMSI") {
    if (config.MICROSOFT_APP_PASSWORD)
      problems.push("MICROSOFT_APP_PASSWORD: leave it unset for UserAssignedMSI; the managed identity has no password");
  } else if (!config.MICROSOFT_APP_PASSWORD) {
    problems.push(`MICROSOFT_APP_PASSWORD: required for a ${type} bot (a client secret of the app registration)`);
  }
  if (type !== "MultiTenant" && !config.MICROSOFT_APP_TENANT_ID) {
    problems.push(`MICROSOFT_APP_TENANT_ID: required for a ${type} bot (the tenant of its app registration)`);
  }
  if (type === "UserAssignedMSI" && config.MICROSOFT_BOT_LOGIN_URL) {
    problems.push(
      "MICROSOFT_BOT_LOGIN_URL: leave it unset for UserAssignedMSI; the managed identity gets its tokens from the Azure host, not from a login URL",
    );
  }
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Charter's configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as in most .env files. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const problems: string[] = [];
  checkCombinations(result.data, problems);
  if (problems.length) throw new ConfigError(problems);
  return result.data;
}
