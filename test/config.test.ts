import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { createLogger, redact } from "../src/logger.js";

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
