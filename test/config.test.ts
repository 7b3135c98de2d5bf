import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { createLogger, redact } from "../src/logger.js";
import { slackSettings } from "../src/adapters/slack/settings.js";

describe("loadConfig", () => {
  it("defaults to SQLite, port 3000 and info logs when nothing is set", () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", LOG_LEVEL: "info" });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });

  it("names the variable and what it expects, never echoing the value", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://admin:hunter2@db/charter", PORT: "eighty" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("DATABASE_URL: expected file:<path> (SQLite) or postgresql://");
    expect(message).toContain("PORT: expected a port number");
    expect(message).not.toContain("hunter2");
  });

  it("accepts PostgreSQL URLs", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/charter" }).DATABASE_URL).toContain("postgresql://");
  });
});

describe("Slack settings", () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  it("picks Socket Mode, HTTP or OAuth from what is set", () => {
    expect(slackSettings(loadConfig({}))).toBeNull();
    expect(slackSettings(loadConfig({ SLACK_APP_TOKEN: "xapp-1", SLACK_BOT_TOKEN: "xoxb-1" }))?.transport).toBe("socket");
    expect(slackSettings(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s3cretsecret" }))?.transport).toBe("http");
    const oauth = slackSettings(
      loadConfig({
        SLACK_CLIENT_ID: "1.2",
        SLACK_CLIENT_SECRET: "cs",
        SLACK_SIGNING_SECRET: "s3cretsecret",
        SLACK_STATE_SECRET: "a-long-random-state",
        CHARTER_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        SLACK_API_URL: "http://127.0.0.1:9/api",
      }),
    );
    expect(oauth).toMatchObject({ transport: "http-oauth", apiUrl: "http://127.0.0.1:9/api/" });
  });

  it("says which variable is missing for the chosen mode", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: required/)]);
    expect(problemsOf({ SLACK_APP_TOKEN: "xapp-1" })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN/)]);
    const oauth = problemsOf({ SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "cs", SLACK_SIGNING_SECRET: "s3cretsecret" });
    expect(oauth).toEqual([
      expect.stringMatching(/^SLACK_STATE_SECRET: required/),
      expect.stringMatching(/^CHARTER_ENCRYPTION_KEY: required when Slack is installed through OAuth/),
    ]);
  });

  it("rejects malformed tokens and keys without echoing them", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: "xoxp-user-token",
      SLACK_SIGNING_SECRET: "s3cretsecret",
      CHARTER_ENCRYPTION_KEY: "tooshort",
    });
    expect(problems.join("\n")).toContain("SLACK_BOT_TOKEN: expected a bot token starting with xoxb-");
    expect(problems.join("\n")).not.toContain("xoxp-user-token");
  });

  it("names a bad encryption key", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s3cretsecret", CHARTER_ENCRYPTION_KEY: "tooshort" });
    expect(problems).toEqual([expect.stringMatching(/^CHARTER_ENCRYPTION_KEY: must be 32 bytes/)]);
    expect(problems.join()).not.toContain("tooshort");
  });
});

describe("logger", () => {
  it("masks values of secret-looking keys, however deep", () => {
    expect(redact({ user: "bob", botToken: "xoxb-1", nested: { password: "p", list: [{ signingSecret: "s" }] } })).toEqual({
      user: "bob",
      botToken: "[redacted]",
      nested: { password: "[redacted]", list: [{ signingSecret: "[redacted]" }] },
    });
  });

  it("writes JSON lines at or above its level only", () => {
    const lines: string[] = [];
    const log = createLogger("warn", (l) => lines.push(l));
    log.info("quiet");
    log.warn("loud", { token: "xoxb-secret", n: 1n });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", msg: "loud", token: "[redacted]", n: "1" });
  });
});
