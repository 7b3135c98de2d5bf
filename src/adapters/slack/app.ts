/**
 * The Slack adapter: a Bolt app on the shared core. HTTP mode mounts Bolt's
 * receiver on Charter's own server (/slack/events, and /slack/install with
 * /slack/oauth_redirect for OAuth); Socket Mode needs no public URL.
 */
import { App, HTTPReceiver } from "@slack/bolt";
import type { HttpApp } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";
import { parseEncryptionKey } from "../../store/secrets.js";
import { slackInstallations } from "./installations.js";
import { registerListeners } from "./listeners/index.js";
import { registerAppUninstalled } from "./listeners/events/app-uninstalled.js";
import { ProfileCache } from "./members.js";
import { BOT_SCOPES, type SlackSettings } from "./settings.js";
import { slackLogger } from "./slack-logger.js";
import { SocketReceiver } from "./socket-receiver.js";
import { botTokenAuthorization } from "./authorize.js";
import { MAX_PLATFORM_BODY_BYTES, PayloadTooLarge, readBody, refuseTooLarge } from "../../http/body.js";
import { bufferedForBolt, isSslCheck, refusalOf } from "./event-body.js";
import { freshTimestamp } from "./request-timestamp.js";

/**
 * Counts the events Bolt is processing. Over HTTP Bolt acks before its
 * listeners finish, so the HTTP server cannot see this work; stopping waits for it.
 */
function trackInFlight(app: App): { idle(): Promise<void> } {
  let count = 0;
  const waiters: (() => void)[] = [];
  app.use(async ({ next }) => {
    count++;
    try {
      await next();
    } finally {
      if (--count === 0) for (const done of waiters.splice(0)) done();
    }
  });
  return { idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((done) => waiters.push(done))) };
}

import { SLACK_ROUTES } from "./routes.js";

export { SLACK_ROUTES };

export interface SlackAdapter {
  readonly transport: SlackSettings["transport"];
  readonly app: App;
  /** Adds the HTTP routes to Charter's server (HTTP transports only). */
  mount(http: HttpApp): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether Slack can reach Charter now: Socket Mode connected (started, not stopped), HTTP routes mounted. */
  ready(): boolean;
}

export function createSlackAdapter(runtime: Runtime, settings: SlackSettings): SlackAdapter {
  const logger = slackLogger(runtime.log);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  const deps = { runtime, profiles: new ProfileCache(runtime.log), knownTenants: new Set<string>() };

  if (settings.transport === "socket") {
    const receiver = new SocketReceiver({ appToken: settings.appToken, logger, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}) });
    const bot = botTokenAuthorization(settings.botToken, { ...clientOptions, logger }, runtime.log);
    const app = new App({ receiver, authorize: bot.authorize, clientOptions, logger });
    const work = trackInFlight(app);
    registerListeners(app, deps);
    let started = false;
    return {
      transport: settings.transport,
      app,
      mount: () => undefined,
      start: async () => {
        void bot.verify();
        await receiver.start();
        started = true;
      },
      stop: async () => {
        started = false;
        await receiver.stop();
        await work.idle();
      },
      ready: () => started,
    };
  }

  const installations =
    settings.transport === "http-oauth" ? slackInstallations(runtime.db, parseEncryptionKey(settings.encryptionKey)) : undefined;
  const oauth =
    settings.transport === "http-oauth"
      ? {
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          stateSecret: settings.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: installations,
          // The installer makes its own Web API calls (oauth.v2.access, auth.test): same base URL.
          installerOptions: {
            installPath: SLACK_ROUTES.install,
            redirectUriPath: SLACK_ROUTES.redirect,
            directInstall: true,
            clientOptions,
          },
          ...(settings.redirectUri ? { redirectUri: settings.redirectUri } : {}),
        }
      : {};
  // Bolt reads the body itself: refused with 413 past the limit, without reading the rest.
  const receiver = new HTTPReceiver({
    signingSecret: settings.signingSecret,
    endpoints: SLACK_ROUTES.events,
    logger,
    bodyLimit: MAX_PLATFORM_BODY_BYTES,
    ...oauth,
  });
  const bot =
    settings.transport === "http" ? botTokenAuthorization(settings.botToken, { ...clientOptions, logger }, runtime.log) : undefined;
  const app = new App({ receiver, clientOptions, logger, ...(bot ? { authorize: bot.authorize } : {}) });
  const work = trackInFlight(app);
  registerListeners(app, deps);
  if (installations) registerAppUninstalled(app, deps, installations);
  let mounted = false;
  return {
    transport: settings.transport,
    app,
    mount(http) {
      mounted = true;
      http.route("POST", SLACK_ROUTES.events, async (req, res) => {
        let raw: Buffer;
        try {
          raw = await readBody(req, MAX_PLATFORM_BODY_BYTES);
        } catch (err) {
          if (err instanceof PayloadTooLarge) return refuseTooLarge(res, "text/plain; charset=utf-8", "request body too large\n");
          throw err;
        }
        const contentType = req.headers["content-type"];
        // A replayed or pre-signed request goes no further (Bolt checks the signature itself).
        if (!isSslCheck(raw, contentType) && !freshTimestamp(req.headers["x-slack-request-timestamp"], Date.now())) {
          res.writeHead(401).end();
          return;
        }
        const refused = refusalOf(raw, contentType);
        if (refused) {
          res.writeHead(refused).end();
          return;
        }
        receiver.requestListener(bufferedForBolt(req, raw), res);
      });
      if (settings.transport === "http-oauth") {
        http.route("GET", SLACK_ROUTES.install, receiver.requestListener);
        http.route("GET", SLACK_ROUTES.redirect, receiver.requestListener);
      }
    },
    start: async () => {
      void bot?.verify();
    },
    // The routes stop with the HTTP server; what Bolt still runs after its ack (a command's reply) finishes here.
    stop: () => work.idle(),
    ready: () => mounted,
  };
}
