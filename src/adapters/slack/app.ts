/**
 * The Slack adapter: a Bolt app on the shared core. HTTP mode mounts Bolt's
 * receiver on Charter's own server (/slack/events, and /slack/install with
 * /slack/oauth_redirect for OAuth); Socket Mode needs no public URL.
 */
import { App, HTTPReceiver } from "@slack/bolt";
import type { HttpApp } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";
import { parseEncryptionKey } from "../../store/secrets.js";
import { createSlackInstallationStore } from "./installation-store.js";
import { registerListeners } from "./listeners/index.js";
import { registerAppUninstalled } from "./listeners/events/app-uninstalled.js";
import { ProfileCache } from "./members.js";
import { BOT_SCOPES, type SlackSettings } from "./settings.js";
import { slackLogger } from "./slack-logger.js";
import { SocketReceiver } from "./socket-receiver.js";

export const SLACK_ROUTES = { events: "/slack/events", install: "/slack/install", redirect: "/slack/oauth_redirect" } as const;

export interface SlackAdapter {
  readonly transport: SlackSettings["transport"];
  readonly app: App;
  /** Adds the HTTP routes to Charter's server (HTTP transports only). */
  mount(http: HttpApp): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackAdapter(runtime: Runtime, settings: SlackSettings): SlackAdapter {
  const logger = slackLogger(runtime.log);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  const deps = { runtime, profiles: new ProfileCache(runtime.log), knownTenants: new Set<string>() };

  if (settings.transport === "socket") {
    const receiver = new SocketReceiver({ appToken: settings.appToken, logger, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}) });
    const app = new App({ receiver, token: settings.botToken, clientOptions, logger });
    registerListeners(app, deps);
    return {
      transport: settings.transport,
      app,
      mount: () => undefined,
      start: async () => {
        await receiver.start();
      },
      stop: async () => {
        await receiver.stop();
      },
    };
  }

  const installationStore =
    settings.transport === "http-oauth" ? createSlackInstallationStore(runtime.db, parseEncryptionKey(settings.encryptionKey)) : undefined;
  const oauth =
    settings.transport === "http-oauth"
      ? {
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          stateSecret: settings.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore,
          // The installer makes its own Web API calls (oauth.v2.access, auth.test): same base URL.
          installerOptions: { installPath: SLACK_ROUTES.install, redirectUriPath: SLACK_ROUTES.redirect, directInstall: true, clientOptions },
          ...(settings.redirectUri ? { redirectUri: settings.redirectUri } : {}),
        }
      : {};
  const receiver = new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: SLACK_ROUTES.events, logger, ...oauth });
  const app = new App({ receiver, clientOptions, logger, ...(settings.transport === "http" ? { token: settings.botToken } : {}) });
  registerListeners(app, deps);
  if (installationStore) registerAppUninstalled(app, deps, installationStore);
  return {
    transport: settings.transport,
    app,
    mount(http) {
      http.route("POST", SLACK_ROUTES.events, receiver.requestListener);
      if (settings.transport === "http-oauth") {
        http.route("GET", SLACK_ROUTES.install, receiver.requestListener);
        http.route("GET", SLACK_ROUTES.redirect, receiver.requestListener);
      }
    },
    start: async () => undefined,
    stop: async () => undefined,
  };
}
