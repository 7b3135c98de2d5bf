/**
 * The web console through the built `charter start`, over real HTTP: the
 * chat view runs commands, forms show their errors in place, every POST
 * needs the session's CSRF token, everything typed is escaped, live posts
 * arrive over server-sent events, and with Slack configured nothing opens
 * without a one-time link.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_RATE_LIMITS } from "../../support/rate-limits.js";
import { runCli } from "../../support/cli.js";
import { startCharter } from "../charter-binary.js";
import { ConsoleClient, csrfOf, lastFormMessage } from "./console-client.js";

const XSS = `<script>alert(1)</script>`;
const XSS_IMG = `<img src=x onerror=alert(1)>`;

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  dir: string;
  env: Record<string, string>;
}

async function launch(extra: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), "charter-web-"));
  const env = {
    DATABASE_URL: `file:${join(dir, "charter.db")}`,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...NO_RATE_LIMITS,
    ...extra,
  };
  const started = await startCharter(env, dir);
  return { ...started, dir, env };
}

function stop(running: Running | undefined): Promise<void> {
  if (!running) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // A clean stop, also with Slack pointed at an address nobody answers (its Web API retries must not hold the process).
    const hung = setTimeout(() => {
      running.child.kill("SIGKILL");
      reject(new Error("charter start did not exit within 5 s of SIGTERM"));
    }, 5_000);
    running.child.once("exit", (code) => {
      clearTimeout(hung);
      rmSync(running.dir, { recursive: true, force: true });
      if (code === 0) resolve();
      else reject(new Error(`charter start exited with ${code} on SIGTERM`));
    });
    running.child.kill("SIGTERM");
  });
}

/** Every HTML element the page has whose name is "script": only the console's own external script. */
function scriptTags(body: string): string[] {
  return [...body.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
}

describe("web console with no chat platform configured", () => {
  let app: Running;
  let client: ConsoleClient;
  beforeAll(async () => {
    app = await launch();
    client = new ConsoleClient(app.url);
  });
  afterAll(() => stop(app));

  it("prints where the console is and serves it from /", async () => {
    expect(app.output()).toMatch(/Web console: http:\/\/localhost:\d+\/ /);
    const root = await client.get("/");
    expect(root.status).toBe(303);
    expect(root.location).toBe("/console/");
    const page = await client.get("/console/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    const cookie = page.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/charter_console=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(page.body).toContain('<label for="composer-input">Command</label>');
  });

  it("runs typed commands and keeps both sides of the conversation across reloads", async () => {
    await client.say('project create "Apollo" budget 10000 USD');
    const page = await client.say('cost add 2500 USD labour "Sprint 1"');
    expect(page.body).toContain("Created project <strong>Apollo</strong>");
    expect(page.body).toMatch(/\$2,500\.00/);
    const again = await new ConsoleClient(app.url).get("/console/c/local");
    expect(again.body).toContain("cost add 2500 USD labour &quot;Sprint 1&quot;");
  });

  it("shows a rejected form again with the error under its field, and saves a valid one", async () => {
    const opened = await client.say("risk add");
    const message = lastFormMessage(opened.body);
    const csrf = csrfOf(opened.body);
    const base = { csrf, message, command: "risk add", "field.title": "Vendor delay", "field.impact": "4" };
    const rejected = await client.post("/console/c/local/forms", { ...base, "field.probability": "9" });
    expect(rejected.status).toBe(422);
    const formId = `form-${message}`;
    expect(rejected.body).toContain(
      `id="${formId}-probability" name="field.probability" required aria-required="true" aria-invalid="true"`,
    );
    expect(rejected.body).toMatch(new RegExp(`<p class="field-error" id="${formId}-probability-error">[^<]*is not a probability`));
    expect(rejected.body).toContain('value="Vendor delay"');
    const before = await client.get("/console/c/local");
    expect(before.body).not.toContain("Vendor delay");

    const saved = await client.post("/console/c/local/forms", { ...base, "field.probability": "3" });
    expect(saved.status).toBe(303);
    const after = await client.get("/console/c/local");
    expect(after.body).toMatch(/Added risk #1 Vendor delay/);
  });

  it("refuses a POST without the session's CSRF token, or from another origin", async () => {
    // The forged token differs in its first character: the last ones of base64url hold padding bits, so changing them may not change the token.
    const page = await client.get("/console/c/local");
    const csrf = csrfOf(page.body);
    expect((await client.post("/console/c/local/messages", { text: "project list" })).status).toBe(403);
    expect(
      (await client.post("/console/c/local/messages", { csrf: (csrf.startsWith("A") ? "B" : "A") + csrf.slice(1), text: "project list" }))
        .status,
    ).toBe(403);
    expect((await client.post("/console/c/local/messages", { csrf, text: "project list" }, { origin: "http://evil.example" })).status).toBe(
      403,
    );
    // A token is bound to its session: another session's token does not work.
    const stranger = new ConsoleClient(app.url);
    await stranger.get("/console/");
    expect((await stranger.post("/console/c/local/messages", { csrf, text: "project list" })).status).toBe(403);
    expect((await client.post("/console/c/local/messages", { csrf, text: "project list" })).status).toBe(303);
  });

  it("answers only requests that name this machine (no DNS rebinding)", async () => {
    const { port } = new URL(app.url);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/console/", headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await status(`evil.example:${port}`)).toBe(403);
    expect(await status(`localhost:${port}`)).toBe(200);
  });

  it("escapes what was typed in every text field, on the chat view, the dashboard and the live stream", async () => {
    const x = new ConsoleClient(app.url);
    const channel = "xss";
    const stream = await fetch(`${app.url}/console/c/${channel}/events`, {
      headers: { cookie: (await x.get("/console/"), x.cookieHeader()) },
    });
    const reader = stream.body!.getReader();
    await x.say(`project create "P ${XSS}" budget 5000 USD`, channel);
    await x.say(`cost add 100 USD travel "${XSS} ${XSS_IMG}"`, channel);
    await x.say(`task add "${XSS}" due 2030-01-01`, channel);
    await x.say(`milestone add "${XSS_IMG}" 2030-02-01`, channel);
    await x.say(`kpi add "${XSS}" target 99%`, channel);
    const opened = await x.say("risk add", channel);
    const submitted = await x.post(`/console/c/${channel}/forms`, {
      csrf: csrfOf(opened.body),
      message: lastFormMessage(opened.body),
      command: "risk add",
      "field.title": XSS,
      "field.probability": "4",
      "field.impact": "5",
      "field.owner": `@${XSS_IMG}`,
      "field.mitigation": XSS,
      "field.review": XSS,
    });
    expect([303, 422]).toContain(submitted.status);
    expect(submitted.body).not.toContain(XSS);
    await x.say(`risk add "${XSS}" p4 i5 mitigation "${XSS_IMG}"`, channel);
    await x.say(`${XSS}`, channel);

    const chat = await x.get(`/console/c/${channel}`);
    const project = /href="(\/console\/projects\/[^"]+)"[^>]*>P &lt;script&gt;/.exec(chat.body)?.[1];
    expect(project).toBeDefined();
    const dashboard = await x.get(project!);
    for (const body of [chat.body, dashboard.body]) {
      expect(body).not.toContain(XSS);
      expect(body).not.toContain(XSS_IMG);
      expect(body).not.toMatch(/<img[^>]*onerror/i);
      expect(scriptTags(body)).toEqual(['<script src="/console/assets/app.js" defer>']);
    }
    expect(chat.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(dashboard.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

    let events = "";
    const decoder = new TextDecoder();
    const deadline = Date.now() + 5_000;
    while (!events.includes("Critical risk") && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      events += decoder.decode(value);
    }
    await reader.cancel();
    expect(events).toContain("Critical risk");
    const html = events
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => JSON.parse(l.slice(6)) as string)
      .join("\n");
    expect(html).not.toContain(XSS);
    expect(scriptTags(html)).toEqual([]);
  });

  it("streams what the bot posts to a local channel on its own, from another process too (a budget alert)", async () => {
    const x = new ConsoleClient(app.url);
    await x.get("/console/");
    await x.say('project create "Hermes" budget 1000 USD', "alerts");
    const stream = await fetch(`${app.url}/console/c/alerts/events`, { headers: { cookie: x.cookieHeader() } });
    const reader = stream.body!.getReader();
    const run = await runCli(["run", "--channel", "alerts", "--", "cost", "add", "600", "USD", "labour"], app.env, app.dir);
    expect(run.code, run.stderr).toBe(0);
    let events = "";
    const decoder = new TextDecoder();
    const deadline = Date.now() + 8_000;
    while (!events.includes("Alert") && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      events += decoder.decode(value);
    }
    await reader.cancel();
    expect(events).toContain('<span class=\\"badge\\">Alert</span>');
    const page = await x.get("/console/c/alerts");
    expect(page.body).toMatch(/<span class="badge">Alert<\/span>/);
  });
});

describe("web console with Slack configured", () => {
  let app: Running;
  beforeAll(async () => {
    app = await launch({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    });
  });
  afterAll(() => stop(app));

  it("refuses every console page without a session", async () => {
    const anonymous = new ConsoleClient(app.url);
    for (const path of ["/console/", "/console/c/local", "/console/c/local/events"]) {
      const page = await anonymous.get(path);
      expect(page.status, path).toBe(401);
      expect(page.body).toContain("charter console-link");
    }
    expect((await anonymous.post("/console/c/local/messages", { text: "project list" })).status).toBe(401);
  });

  it("opens with the one-time link printed at start-up, once", async () => {
    const link = /Web console: sign in at (http:\S+)/.exec(app.output())?.[1];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname + new URL(link!).search;
    const browser = new ConsoleClient(app.url);
    const login = await browser.get(path);
    expect(login.status).toBe(200);
    expect(login.headers.get("referrer-policy")).toBe("no-referrer");
    const check = /name="check" value="([^"]+)"/.exec(login.body)![1]!;
    const token = new URL(link!).searchParams.get("token")!;
    const signedIn = await browser.post("/console/login", { token, check });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie().join("\n")).toMatch(/charter_console=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const page = await browser.say('project create "Apollo"');
    expect(page.status).toBe(200);
    expect(page.body).toContain("Created project <strong>Apollo</strong>");

    // The same link again: refused.
    const other = new ConsoleClient(app.url);
    const again = await other.get(path);
    const reused = await other.post("/console/login", { token, check: /name="check" value="([^"]+)"/.exec(again.body)![1]! });
    expect(reused.status).toBe(401);
    expect((await other.get("/console/")).status).toBe(401);
  });

  it("takes links made by `charter console-link` in another process", async () => {
    const made = await runCli(["console-link"], app.env, app.dir);
    expect(made.code, made.stderr).toBe(0);
    const link = new URL(/(http:\S+)/.exec(made.stdout)![1]!);
    const browser = new ConsoleClient(app.url);
    const login = await browser.get(link.pathname + link.search);
    const check = /name="check" value="([^"]+)"/.exec(login.body)![1]!;
    expect((await browser.post("/console/login", { token: link.searchParams.get("token")!, check })).status).toBe(303);
    expect((await browser.get("/console/")).status).toBe(200);
    // A forged or tampered session cookie is not a session.
    const forged = new ConsoleClient(app.url);
    const forgedCookie = browser.cookieHeader().replace(/charter_console=([^.]+)\.(\S+)/, (_m, p: string) => `charter_console=${p}.AAAA`);
    expect((await forged.get("/console/", { cookie: forgedCookie })).status).toBe(401);
  });

  it("refuses the sign-in form without its double-submit cookie", async () => {
    const made = await runCli(["console-link"], app.env, app.dir);
    const token = new URL(/(http:\S+)/.exec(made.stdout)![1]!).searchParams.get("token")!;
    const attacker = new ConsoleClient(app.url);
    expect((await attacker.post("/console/login", { token, check: "guess" })).status).toBe(403);
  });
});
