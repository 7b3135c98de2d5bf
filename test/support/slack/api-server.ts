/**
 * A local stand-in for Slack's Web API (https://slack.com/api/) on
 * 127.0.0.1: the real @slack/web-api client, Bolt and @slack/oauth talk to
 * it through `slackApiUrl`, and tests read back what was called. It also
 * serves response_url posts and file uploads, which in production go to
 * other Slack hosts.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkMessage } from "./limits.js";
import { formArgs, parseBody, readRaw } from "./http-body.js";
import { Recorder } from "./recorder.js";
import { APP_TOKEN_METHODS, fail, METHODS, TOKENLESS_METHODS, type Json } from "./web-api-methods.js";
import { Workspace, type ChannelSpec, type OAuthInstall, type TokenIdentity, type UserSpec } from "./workspace.js";

export interface RecordedCall {
  /** Arrival order across all calls to this server, from 0. */
  seq: number;
  /** Web API method ("chat.postMessage"), or "response_url" / "file_upload" for those endpoints. */
  method: string;
  /** From `Authorization: Bearer`, else a `token` argument. */
  token: string | undefined;
  /** Query and body arguments; JSON-encoded form fields (blocks, view, ...) are decoded. Form values stay strings. */
  args: Json;
  /** When the request arrived, on the server's clock (SlackApiOptions.now, default Date.now()). */
  at: number;
  path: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  rawBody: string;
  /** For method "response_url": the id given to responseUrl(). */
  responseUrlId?: string;
  /** What the server answered; set once the answer is sent. */
  response?: { status: number; body: unknown };
}

/** An HTTP answer; `body` objects are sent as JSON, strings as they are. */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (a slow Slack). */
  delayMs?: number;
}

/**
 * Returns an answer to use instead of the default one, or undefined to fall through to it.
 * `standard()` works out the default answer (with its effects, such as storing a posted
 * message), for an override that only changes how it is delivered (a delay).
 */
export type Override = (call: RecordedCall, standard: () => Promise<Answer>) => Answer | undefined | Promise<Answer | undefined>;

export interface SlackApiOptions {
  appId?: string;
  /** The default workspace (tokens not registered otherwise belong to it). */
  team?: { id?: string; name?: string; domain?: string; enterprise_id?: string };
  /** When set, only these tokens (and tokens issued by oauth.v2.access) are valid; others get invalid_auth. */
  tokens?: string[] | Record<string, Partial<TokenIdentity>>;
  /** users.info answers per user id; unlisted ids get a plausible user in Europe/Berlin. */
  users?: Record<string, Partial<UserSpec>>;
  channels?: Record<string, Partial<ChannelSpec>>;
  oauth?: {
    /** When set, oauth.v2.access checks the client credentials (body or HTTP Basic). */
    clientId?: string;
    clientSecret?: string;
    /** Installs per authorization code; when any are given, other codes get invalid_code. */
    installs?: Record<string, Partial<OAuthInstall>>;
  };
  /** What apps.connections.open hands out; usually a SocketModeServer's url. */
  socketModeUrl?: string | (() => string);
  /** When set, views.open/push refuse kit-made trigger_ids older than this (Slack: 3000) and reused ones. */
  triggerTtlMs?: number;
  /** Posts one response_url accepts (Slack: 5); later ones get 404 used_url. */
  responseUrlLimit?: number;
  /** The clock calls are stamped with (`at`): a test's virtual clock; Date.now by default. */
  now?: () => number;
}

export interface SlackApi {
  /** Base URL for `slackApiUrl`, with the trailing slash: http://127.0.0.1:PORT/api/ */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** The first call to `method` (already made or still to come) that satisfies `predicate`. */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** The first `count` such calls. */
  waitForCalls(method: string, count: number, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Answers `method` with `handler` (latest registered first) for `times` calls, or until the returned function is called. */
  respondWith(method: string, handler: Override, options?: { times?: number }): () => void;
  /** A response_url on this server; posts to it are recorded as method "response_url" with this id. */
  responseUrl(id?: string): string;
  setSocketModeUrl(url: string | (() => string)): void;
  addToken(token: string, identity?: Partial<TokenIdentity>): void;
  /** Users, channels, messages and views the server knows; tests may read and change them. */
  workspace: Workspace;
  close(): Promise<void>;
}

export const DEFAULT_WAIT_MS = 5_000;

/** Slack's 429: `Retry-After` in seconds and an `ok:false` body. */
export const rateLimited = (retryAfterSeconds = 1): Answer => ({
  status: 429,
  headers: { "retry-after": String(retryAfterSeconds) },
  body: { ok: false, error: "ratelimited" },
});

/** A platform error: HTTP 200 with `ok:false`, as Slack reports most failures. */
export const slackError = (error: string, extra: Json = {}): Answer => ({ status: 200, body: fail(error, extra) });

/** An outage answer (Slack's edge returns HTML or text, not JSON, for these). */
export const httpFailure = (status = 503, text = "Service Unavailable"): Answer => ({
  status,
  headers: { "content-type": "text/plain" },
  body: text,
});

export async function startSlackApi(options: SlackApiOptions = {}): Promise<SlackApi> {
  const workspace = new Workspace(options.appId, options.team);
  if (options.tokens) {
    workspace.strictTokens = true;
    const entries = Array.isArray(options.tokens) ? options.tokens.map((t) => [t, {}] as const) : Object.entries(options.tokens);
    for (const [token, identity] of entries) workspace.addToken(token, identity);
  }
  for (const [id, spec] of Object.entries(options.users ?? {})) workspace.users.set(id, spec);
  for (const [id, spec] of Object.entries(options.channels ?? {})) workspace.channels.set(id, spec);
  for (const [code, install] of Object.entries(options.oauth?.installs ?? {})) workspace.oauthCodes.set(code, install);

  let socketModeUrl = toFactory(options.socketModeUrl);
  const responseUrlLimit = options.responseUrlLimit ?? 5;
  const responseUrlPosts = new Map<string, number>();
  const recorder = new Recorder<RecordedCall>();
  const overrides: { method: string; handler: Override; remaining: number }[] = [];
  let origin = "";

  async function answer(call: RecordedCall, req: IncomingMessage): Promise<Answer> {
    for (const override of [...overrides].reverse()) {
      if (override.method !== call.method || override.remaining <= 0) continue;
      const custom = await override.handler(call, () => standardAnswer(call, req));
      if (custom === undefined) continue;
      override.remaining -= 1;
      return custom;
    }
    return standardAnswer(call, req);
  }

  async function standardAnswer(call: RecordedCall, req: IncomingMessage): Promise<Answer> {
    if (call.method === "response_url") {
      const used = (responseUrlPosts.get(call.responseUrlId!) ?? 0) + 1;
      responseUrlPosts.set(call.responseUrlId!, used);
      if (used > responseUrlLimit) return { status: 404, body: fail("used_url") };
      const problem = checkMessage(call.args);
      return problem
        ? { status: 400, body: fail(problem.error, { response_metadata: { messages: problem.messages } }) }
        : { status: 200, body: { ok: true } };
    }
    if (call.method === "file_upload") {
      // The WebClient posts the bytes as a multipart file part; Slack answers with their count.
      const file = Object.values(call.args).find((v): v is { size: number } => typeof v === "object" && v !== null && "size" in v);
      return { status: 200, headers: { "content-type": "text/plain" }, body: `OK - ${file?.size ?? call.rawBody.length}` };
    }
    return { status: 200, body: webApiAnswer(call, req) };
  }

  function webApiAnswer(call: RecordedCall, req: IncomingMessage): Json {
    const method = METHODS[call.method];
    if (!method) return fail("unknown_method", { req_method: call.method });
    let identity: TokenIdentity | undefined;
    if (TOKENLESS_METHODS.has(call.method)) {
      const problem = clientCredentialsProblem(call.args, req.headers.authorization, options.oauth);
      if (problem) return problem;
    } else {
      if (!call.token) return fail("not_authed");
      identity = workspace.identityOf(call.token);
      if (!identity) return fail("invalid_auth");
      if (APP_TOKEN_METHODS.has(call.method) !== call.token.startsWith("xapp-")) return fail("not_allowed_token_type");
    }
    return method({ args: call.args, identity, workspace, origin, socketModeUrl, triggerTtlMs: options.triggerTtlMs });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const route = routeOf(url.pathname);
    const raw = await readRaw(req);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    let args: Json;
    try {
      args = { ...formArgs(url.searchParams), ...(await parseBody(raw, req.headers["content-type"])) };
    } catch {
      res.writeHead(400, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(fail("invalid_form_data")));
      return;
    }
    const call: RecordedCall = {
      seq: recorder.items.length,
      method: route.method,
      token: bearerToken(req.headers.authorization) ?? (typeof args.token === "string" && args.token ? args.token : undefined),
      args,
      at: (options.now ?? Date.now)(),
      path: url.pathname,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
      rawBody: raw.toString("utf8"),
      ...(route.responseUrlId !== undefined ? { responseUrlId: route.responseUrlId } : {}),
    };
    recorder.push(call);
    const reply = await answer(call, req);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const status = reply.status ?? 200;
    const isText = typeof reply.body === "string";
    const body = isText ? (reply.body as string) : JSON.stringify(reply.body ?? { ok: true });
    call.response = { status, body: reply.body };
    if (res.destroyed) return;
    res
      .writeHead(status, { "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8", ...reply.headers })
      .end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`kit error: ${err instanceof Error ? err.stack : String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const matches = (method: string, predicate?: (call: RecordedCall) => boolean) => (call: RecordedCall) =>
    call.method === method && (predicate ? predicate(call) : true);
  const seen = () => `calls so far: ${recorder.items.map((c) => c.method).join(", ") || "none"}`;

  return {
    url: `${origin}/api/`,
    origin,
    calls: recorder.items,
    callsTo: (method) => recorder.items.filter((c) => c.method === method),
    waitFor: async (method, predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      (await recorder.waitFor(matches(method, predicate), 1, timeoutMs, () => `waiting for ${method}; ${seen()}`))[0]!,
    waitForCalls: (method, count, predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      recorder.waitFor(matches(method, predicate), count, timeoutMs, () => `waiting for ${count} × ${method}; ${seen()}`),
    respondWith(method, handler, { times = Number.POSITIVE_INFINITY } = {}) {
      const entry = { method, handler, remaining: times };
      overrides.push(entry);
      return () => {
        const at = overrides.indexOf(entry);
        if (at >= 0) overrides.splice(at, 1);
      };
    },
    responseUrl: (id = randomUUID()) => `${origin}/response_url/${encodeURIComponent(id)}`,
    setSocketModeUrl(url) {
      socketModeUrl = toFactory(url);
    },
    addToken: (token, identity) => workspace.addToken(token, identity),
    workspace,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function toFactory(url: string | (() => string) | undefined): (() => string) | undefined {
  return typeof url === "string" ? () => url : url;
}

function routeOf(pathname: string): { method: string; responseUrlId?: string } | undefined {
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(pathname);
  if (api) return { method: api[1]! };
  const hook = /^\/response_url\/([^/]+)$/.exec(pathname);
  if (hook) return { method: "response_url", responseUrlId: decodeURIComponent(hook[1]!) };
  if (/^\/upload\/v1\/[A-Z0-9]+$/.test(pathname)) return { method: "file_upload" };
  return undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

function clientCredentialsProblem(args: Json, authorization: string | undefined, oauth: SlackApiOptions["oauth"]): Json | undefined {
  let clientId = typeof args.client_id === "string" ? args.client_id : undefined;
  let clientSecret = typeof args.client_secret === "string" ? args.client_secret : undefined;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (basic) {
    const [id, ...secret] = Buffer.from(basic[1]!, "base64").toString("utf8").split(":");
    clientId ??= id;
    clientSecret ??= secret.join(":");
  }
  if (!clientId) return fail("invalid_client_id");
  if (oauth?.clientId !== undefined && clientId !== oauth.clientId) return fail("invalid_client_id");
  if (oauth?.clientSecret !== undefined && clientSecret !== oauth.clientSecret) return fail("bad_client_secret");
  return undefined;
}
