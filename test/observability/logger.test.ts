/** The JSON log lines: levels, request ids, and secrets masked however they arrive. */
import { describe, expect, it } from "vitest";
import { createLogger, redact, requestScope, scrubText } from "../../src/logger.js";

function capture(level: Parameters<typeof createLogger>[0] = "debug") {
  const lines: string[] = [];
  const log = createLogger(level, (l) => lines.push(l));
  return { log, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), raw: lines };
}

describe("log lines", () => {
  it("are one JSON object per call with time, level, pid and msg", () => {
    const { log, lines, raw } = capture();
    log.info("started", { port: 3000 });
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain("\n");
    expect(lines()[0]).toMatchObject({ level: "info", msg: "started", port: 3000, pid: process.pid });
    expect(Date.parse(String(lines()[0]!.time))).not.toBeNaN();
  });

  it("carry the request id of the request being handled, and none outside one", () => {
    const { log, lines } = capture();
    requestScope.run({ requestId: "req-7" }, () => log.warn("inside"));
    log.warn("outside");
    expect(lines()[0]).toMatchObject({ msg: "inside", requestId: "req-7" });
    expect(lines()[1]).not.toHaveProperty("requestId");
  });

  it("respect the level, and silent writes nothing", () => {
    const warn = capture("warn");
    warn.log.debug("d");
    warn.log.info("i");
    warn.log.error("e");
    expect(warn.lines().map((l) => l.msg)).toEqual(["e"]);
    const silent = capture("silent");
    silent.log.error("e");
    expect(silent.raw).toEqual([]);
  });
});

describe("secrets in log lines", () => {
  it("masks the known credential fields (pino redact paths)", () => {
    const { log, raw } = capture();
    log.info("request", {
      headers: { authorization: "Bearer abc.def", cookie: "charter_session=s1" },
      req: { headers: { authorization: "Basic dXNlcg==" } },
    });
    expect(raw[0]).not.toContain("abc.def");
    expect(raw[0]).not.toContain("charter_session=s1");
    expect(raw[0]).not.toContain("dXNlcg==");
  });

  it("masks any secret-looking key at any depth, and keeps the rest", () => {
    const { log, lines } = capture();
    log.error("install failed", {
      team: "T1",
      installation: { bot: { botToken: "xoxb-1-2", scopes: ["chat:write"] } },
      list: [{ clientSecret: "cs" }],
    });
    expect(lines()[0]).toMatchObject({
      team: "T1",
      installation: { bot: { botToken: "[redacted]", scopes: ["chat:write"] } },
      list: [{ clientSecret: "[redacted]" }],
    });
  });

  it("masks token-shaped text in messages, values and errors", () => {
    const { log, raw, lines } = capture();
    log.warn("Slack refused xoxb-123-456-abc", {
      detail: "sent Authorization: Bearer eyJhbGciOi.x.y",
      error: new Error("invalid_auth for xapp-1-A1-2"),
    });
    for (const secret of ["xoxb-123-456-abc", "eyJhbGciOi.x.y", "xapp-1-A1-2"]) expect(raw[0]).not.toContain(secret);
    expect(lines()[0]).toMatchObject({ msg: "Slack refused [redacted]", error: { type: "Error", message: "invalid_auth for [redacted]" } });
  });

  it("masks Microsoft Entra access tokens and client secrets quoted in errors without a Bearer before them", () => {
    const { log, raw, lines } = capture();
    const jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJlLWJ5dGVz";
    log.error("teams reply not sent", {
      error: `token request failed: client_id=0b6d8ae8&client_secret=Zq8~s3cr3t.value&scope=https%3A%2F%2Fapi.botframework.com%2F.default; cached ${jwt} rejected`,
    });
    for (const secret of ["Zq8~s3cr3t.value", jwt, "c2lnbmF0dXJlLWJ5dGVz"]) expect(raw[0]).not.toContain(secret);
    expect(lines()[0]!.error).toBe(
      "token request failed: client_id=0b6d8ae8&client_secret=[redacted]&scope=https%3A%2F%2Fapi.botframework.com%2F.default; cached [redacted] rejected",
    );
  });

  it("writes bigints as text rather than failing", () => {
    expect(redact({ amount: 1250n })).toEqual({ amount: "1250" });
    expect(scrubText("nothing to hide")).toBe("nothing to hide");
  });
});
