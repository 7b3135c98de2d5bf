/**
 * Request body limits through the built `charter start`: Slack and Teams
 * refuse bodies over 1 MB, the console's forms over 64 KB, with 413 and a
 * short error; a declared Content-Length over the limit is refused before
 * the body is sent, a chunked body as soon as it passes the limit; the
 * process keeps serving.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCharter } from "./charter-binary.js";
import { ConsoleClient, csrfOf } from "./web/console-client.js";

const MB = 1024 * 1024;

/** Sends the head, then `chunks` one by one until the server answers; the answer's status line and body. */
function send(port: number, head: string, chunks: Buffer[]): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let got = "";
    let sent = 0;
    let answered = false;
    socket.on("data", (c) => {
      got += c.toString("utf8");
      answered = true;
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      const m = /^HTTP\/1\.1 (\d{3})[\s\S]*?\r\n\r\n([\s\S]*)$/.exec(got);
      if (!m) return reject(new Error(`no answer: ${JSON.stringify(got)}`));
      resolve({ status: Number(m[1]), body: m[2]!, sentBytes: sent });
    });
    socket.write(head);
    void (async () => {
      for (const chunk of chunks) {
        if (answered || socket.destroyed) break;
        socket.write(chunk);
        sent += chunk.length;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
  });
}

const chunked = (body: Buffer, size: number): Buffer[] => {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const part = body.subarray(i, i + size);
    out.push(Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]));
  }
  out.push(Buffer.from("0\r\n\r\n"));
  return out;
};

describe("request body limits", () => {
  let child: ChildProcess;
  let url: string;
  let port: number;
  let dir: string;
  let browser: ConsoleClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "charter-limits-"));
    const started = await startCharter(
      {
        DATABASE_URL: `file:${join(dir, "charter.db")}`,
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: "xoxb-limits",
        SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
        SLACK_API_URL: "http://127.0.0.1:9/api/",
        TEAMS_ALLOW_UNAUTHENTICATED: "true",
      },
      dir,
    );
    child = started.child;
    url = started.url;
    port = Number(new URL(url).port);
    const link = new URL(/Web console: sign in at (http:\S+)/.exec(started.output())![1]!);
    browser = new ConsoleClient(url);
    const login = await browser.get(link.pathname + link.search);
    const check = /name="check" value="([^"]+)"/.exec(login.body)![1]!;
    expect((await browser.post("/console/login", { token: link.searchParams.get("token")!, check })).status).toBe(303);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["/api/messages", "/slack/events", "/console/c/local/messages"])(
    "%s: a declared Content-Length over 1 MB is refused before the body is sent",
    async (path) => {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${2 * MB}\r\n\r\n`;
      const answer = await send(port, head, []);
      expect(answer.status).toBe(413);
      expect(answer.body).toContain("too large");
    },
  );

  it("Teams: a chunked body is refused once it passes 1 MB, without reading the rest", async () => {
    const body = Buffer.from(JSON.stringify({ type: "message", text: "x".repeat(3 * MB) }));
    const head = `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const answer = await send(port, head, chunked(body, 64 * 1024));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: "request body too large" });
    expect(answer.sentBytes).toBeLessThan(2 * MB);
  });

  it("Slack: a chunked body over 1 MB is refused with 413", async () => {
    const body = Buffer.from(`command=%2Fpm&text=${"x".repeat(2 * MB)}`);
    const head = `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const answer = await send(port, head, chunked(body, 64 * 1024));
    expect(answer.status).toBe(413);
    expect(answer.sentBytes).toBeLessThan(1.5 * MB);
  });

  it("console: a form over 64 KB is refused with 413; one under it is taken", async () => {
    const page = await browser.get("/console/c/local");
    const csrf = csrfOf(page.body);
    const big = Buffer.from(new URLSearchParams({ csrf, text: "x".repeat(70 * 1024) }).toString());
    const head = (length: number) =>
      `POST /console/c/local/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${url}\r\nCookie: ${browser.cookieHeader()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;
    const refused = await send(port, head(big.length + 10), [big]);
    expect(refused.status).toBe(413);
    expect(refused.body).toContain("form too large");
    expect((await browser.post("/console/c/local/messages", { csrf, text: "help" })).status).toBeLessThan(400);
  });

  it("keeps serving", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
