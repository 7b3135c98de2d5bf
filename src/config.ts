/**
 * The environment, validated once at start-up. A wrong value stops Charter
 * with a message that names the variable and what it expects; values are
 * never echoed back, since some of them are secrets.
 */
import { z } from "zod";
import { resolveDatabaseUrl } from "./store/database.js";

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
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"], { error: "expected debug, info, warn, error or silent" }).default("info"),
});

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
  return result.data;
}
