/**
 * The web console, mounted on the one HTTP server of `charter start` under
 * /console/ (and / redirects there). Routes are matched by method and a
 * pattern whose groups become the route's params; access (reachability,
 * session, CSRF) is checked here once, before any route runs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../../config.js";
import type { Platform } from "../../core/index.js";
import type { HttpApp } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";
import { consoleRepository } from "../../store/repositories/console.js";
import { checkPost, csrfToken, everywhere, reachesConsole, sessionFor } from "./access.js";
import type { RequestContext, WebDeps } from "./deps.js";
import { html } from "./html.js";
import { CHANNEL_NAME } from "./paths.js";
import { messagePage } from "./render/page.js";
import { PayloadTooLarge } from "../../http/body.js";
import { BadRequest, formTooLarge, readForm, redirect, sendHtml, sendText } from "./respond.js";
import { asset } from "./routes/assets.js";
import { chatPage, localChannel } from "./routes/chat-page.js";
import { dashboardPage } from "./routes/dashboard-page.js";
import { eventsStream } from "./routes/events-stream.js";
import { loginPage, loginSubmit, signInNeeded } from "./routes/login.js";
import { mirrorPage } from "./routes/mirror-page.js";
import { newChannel } from "./routes/new-channel.js";
import { postMessage } from "./routes/post-message.js";
import { submitFormRoute } from "./routes/submit-form.js";
import { sessionKey } from "./session.js";

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  /** Reachable without a session: assets and the sign-in pages. */
  open?: boolean;
  /** Captured parts that must be local channel names. */
  channelParam?: number;
  handle(ctx: RequestContext): Promise<void> | void;
}

const CH = "([^/]+)";
const ROUTES: Route[] = [
  { method: "GET", pattern: /^\/console\/assets\/[a-z.]+$/, open: true, handle: asset },
  { method: "GET", pattern: /^\/console\/login$/, open: true, handle: loginPage },
  { method: "POST", pattern: /^\/console\/login$/, open: true, handle: loginSubmit },
  { method: "GET", pattern: /^\/console\/$/, handle: (ctx) => chatPage({ ...ctx, params: ["local"] }) },
  { method: "GET", pattern: /^\/console\/new$/, handle: newChannel },
  { method: "GET", pattern: new RegExp(`^/console/c/${CH}$`), channelParam: 0, handle: chatPage },
  { method: "POST", pattern: new RegExp(`^/console/c/${CH}/messages$`), channelParam: 0, handle: postMessage },
  { method: "POST", pattern: new RegExp(`^/console/c/${CH}/forms$`), channelParam: 0, handle: submitFormRoute },
  {
    method: "GET",
    pattern: new RegExp(`^/console/c/${CH}/events$`),
    channelParam: 0,
    handle: (ctx) => eventsStream(ctx, localChannel(ctx.params[0]!)),
  },
  { method: "GET", pattern: new RegExp(`^/console/mirror/(slack|teams)/${CH}/${CH}$`), handle: mirrorPage },
  {
    method: "GET",
    pattern: new RegExp(`^/console/mirror/(slack|teams)/${CH}/${CH}/events$`),
    handle: (ctx) =>
      eventsStream(ctx, { platform: ctx.params[0] as Exclude<Platform, "local">, tenantId: ctx.params[1]!, channelId: ctx.params[2]! }),
  },
  { method: "GET", pattern: new RegExp(`^/console/projects/${CH}$`), handle: dashboardPage },
];

function notFound(res: ServerResponse): void {
  sendHtml(res, 404, messagePage("Not found", html`<p><a href="/console/">Back to the console</a></p>`));
}

function decode(parts: string[]): string[] | null {
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

/** Runs `read`; a body that is not a form (400) or too large (413) is answered here, and undefined returned. */
async function refusingBadBodies<T>(res: ServerResponse, read: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof BadRequest) {
      sendText(res, 400, "text/plain; charset=utf-8", `${err.message}\n`);
      return undefined;
    }
    if (err instanceof PayloadTooLarge) {
      formTooLarge(res);
      return undefined;
    }
    throw err;
  }
}

export async function handleConsole(deps: WebDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  if (!reachesConsole(req, deps.consoleHost)) {
    sendText(res, 403, "text/plain; charset=utf-8", "The web console answers on this machine only (set CONSOLE_HOST to change that).\n");
    return;
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const candidates = ROUTES.filter((r) => r.pattern.test(url.pathname));
  const route = candidates.find((r) => r.method === method);
  if (!route) {
    if (candidates.length)
      sendText(res, 405, "text/plain; charset=utf-8", "method not allowed\n", { allow: candidates.map((r) => r.method).join(", ") });
    else notFound(res);
    return;
  }
  const params = decode(route.pattern.exec(url.pathname)!.slice(1));
  if (!params || (route.channelParam !== undefined && !CHANNEL_NAME.test(params[route.channelParam]!))) return notFound(res);
  const base: RequestContext = { req, res, deps, url, params, session: null, csrf: "" };
  if (route.open) return refusingBadBodies(res, () => route.handle(base));

  const outcome = sessionFor(req, deps, method);
  if ("refused" in outcome) {
    if (outcome.refused === "sign-in") return signInNeeded(base);
    sendHtml(
      res,
      403,
      messagePage(
        "Your session has ended",
        html`<p><a href="${url.pathname.replace(/\/(messages|forms)$/, "")}">Reload the page</a> and try again.</p>`,
      ),
    );
    return;
  }
  const ctx: RequestContext = {
    ...base,
    session: outcome.session,
    csrf: csrfToken(deps.key, outcome.session),
    ...(outcome.setCookie ? { setCookie: outcome.setCookie } : {}),
  };
  if (method === "POST") {
    const form = await refusingBadBodies(res, () => readForm(req));
    if (!form) return;
    ctx.form = form;
    if (!checkPost(req, deps, outcome.session, ctx.form)) {
      sendHtml(
        res,
        403,
        messagePage(
          "Refused",
          html`<p>This form was not sent from a page of this console (its CSRF token is missing or wrong). <a href="/console/">Open the console</a> and try again.</p>`,
        ),
      );
      return;
    }
  }
  await route.handle(ctx);
}

export interface WebConsole {
  /** Whether a one-time link is needed (Slack or Teams is configured). */
  locked: boolean;
  mount(http: HttpApp): void;
  /** A one-time sign-in path (`/console/login?token=…`), valid 10 minutes. */
  loginPath(): Promise<string>;
  /** Ends the live streams, so the server can close. */
  stop(): void;
}

export function createWebConsole(
  runtime: Pick<Runtime, "store" | "log" | "outbox" | "db" | "metrics">,
  config: Pick<Config, "CONSOLE_HOST" | "CONSOLE_SECRET">,
  locked: boolean,
): WebConsole {
  const deps: WebDeps = {
    runtime,
    console: consoleRepository(runtime.db),
    key: sessionKey(config.CONSOLE_SECRET),
    locked,
    consoleHost: config.CONSOLE_HOST,
    now: () => new Date(),
    streams: new Set(),
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => handleConsole(deps, req, res);
  return {
    locked,
    mount(http) {
      http.route("GET", "/", (req, res) => (reachesConsole(req, deps.consoleHost) ? redirect(res, "/console/") : notFound(res)));
      http.route("GET", "/console", (_req, res) => redirect(res, "/console/"));
      http.routePrefix("GET", "/console/", handler);
      http.routePrefix("POST", "/console/", handler);
    },
    async loginPath() {
      const { token } = await deps.console.createLogin(deps.now());
      return `/console/login?token=${token}`;
    },
    stop() {
      for (const res of deps.streams) res.end();
      deps.streams.clear();
    },
  };
}

/** The address to print for the console: where a browser on this machine reaches it. */
export function consoleAddress(host: string, consoleHost: string, port: number): string {
  const shown =
    !everywhere(consoleHost) && consoleHost !== "localhost" && !consoleHost.startsWith("127.")
      ? consoleHost
      : everywhere(host) || host.startsWith("127.")
        ? "localhost"
        : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
}
