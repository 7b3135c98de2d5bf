/**
 * Stopping `charter start` (the built binary) with SIGTERM: a request in
 * flight is answered and its command runs, new connections are refused, the
 * process exits 0 well within 10 s; with Slack configured but unreachable it
 * still exits within a few seconds; a second signal exits at once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startCharter } from "./charter-binary.js";
import { ConsoleClient, csrfOf } from "./web/console-client.js";

const dirs: string[] = [];
const children: ChildProcess[] = [];

async function launch(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "charter-stop-"));
  dirs.push(dir);
  const env = { DATABASE_URL: `file:${join(dir, "charter.db")}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...extra };
  const started = await startCharter(env, dir);
  children.push(started.child);
  return { ...started, env, dir };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode, at: Date.now() });
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("charter start stops on SIGTERM", () => {
  it("answers the request in flight, refuses new connections, and exits 0", async () => {
    const app = await launch();
    const browser = new ConsoleClient(app.url);
    const page = await browser.get("/console/c/local");
    expect(page.status).toBe(200);
    const body = new URLSearchParams({ csrf: csrfOf(page.body), text: 'project create "Drained" budget 100 USD' }).toString();
    const url = new URL("/console/c/local/messages", app.url);

    // A slow client: half the form now, the rest after SIGTERM.
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          headers: {
            cookie: browser.cookieHeader(),
            origin: app.url,
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      void (async () => {
        await delay(200);
        app.child.kill("SIGTERM");
        await delay(700);
        req.end(body.slice(10));
      })();
    });
    const exit = exited(app.child);
    await delay(500);
    const signalled = Date.now() - 300;
    // The listener is closed: a new connection is refused while the slow request is still open.
    await expect(fetch(new URL("/healthz", app.url))).rejects.toThrow();
    expect(await answered).toBe(303);
    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(10_000);
    expect(app.output()).toMatch(/"msg":"stopped"/);

    // The command in flight ran to the end.
    const listed = await runCli(["run", "--", "project", "list"], app.env, app.dir);
    expect(listed.stdout).toContain("Drained");
  });

  it("exits within a few seconds with Slack configured but unreachable", async () => {
    const app = await launch({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    });
    await delay(300);
    const exit = exited(app.child);
    const sent = Date.now();
    app.child.kill("SIGTERM");
    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(4_000);
  });

  it("exits at once on a second signal", async () => {
    const app = await launch();
    const exit = exited(app.child);
    app.child.kill("SIGTERM");
    app.child.kill("SIGINT");
    const { code } = await exit;
    expect(code === 0 || code === 1).toBe(true);
  });
});
