/**
 * The one HTTP server of a Charter process. Platform adapters (Slack's
 * /slack/events, Teams' /api/messages) mount their routes here; it owns
 * health checks and turns unknown routes and handler failures into JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../core/index.js";
import { declaredLength, MAX_PLATFORM_BODY_BYTES, refuseTooLarge, RequestAborted } from "./body.js";
import { withRequestId } from "./request-id.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpApp {
  server: Server;
  route(method: string, path: string, handler: RouteHandler): void;
  /** Every path under `prefix` (which ends with "/"): the handler reads the rest of the path itself. Exact routes win. */
  routePrefix(method: string, prefix: string, handler: RouteHandler): void;
  listen(port: number, host: string): Promise<{ port: number }>;
  /**
   * Stops accepting connections and resolves once every request in flight
   * has been answered: idle keep-alive connections close at once, busy ones
   * after their answer (which says `Connection: close`).
   */
  close(): Promise<void>;
  /** Requests being answered now. */
  inFlight(): number;
}

/**
 * How long a client may take, and how many may be connected at once. A
 * client that sends its headers slowly, or stops halfway through a body, is
 * answered 408 and disconnected when its time runs out instead of holding a
 * socket for Node's default 300 s; past the connection cap new connections
 * are closed at once. Slack gives up after 3 s and the Bot Connector after
 * about 15 s, so honest requests finish far inside these.
 */
export interface ServerLimits {
  /** From connecting to the end of the request's headers. */
  headersTimeoutMs: number;
  /** From connecting to the end of the request's body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are closed as they arrive. */
  maxConnections: number;
  /** How often Node looks for connections past their time (its default is 30 s, longer than the limits). */
  checkIntervalMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  checkIntervalMs: 1_000,
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function createHttpApp(
  log: Logger,
  checks: { database: () => Promise<void> },
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): HttpApp {
  const routes = new Map<string, RouteHandler>();
  const prefixes: { method: string; prefix: string; handler: RouteHandler }[] = [];
  const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
  const byPrefix = (method: string, path: string) => prefixes.find((p) => p.method === method && path.startsWith(p.prefix))?.handler;

  routes.set(key("GET", "/healthz"), async (_req, res) => {
    try {
      await checks.database();
      sendJson(res, 200, { status: "ok", database: "ok" });
    } catch (err) {
      log.warn("health check failed", { error: err instanceof Error ? err.message : String(err) });
      sendJson(res, 503, { status: "unavailable", database: "unreachable" });
    }
  });

  // Answers being written now; while closing, each connection is closed after its answer.
  const active = new Set<ServerResponse>();
  let closing = false;
  // Every answer carries an x-request-id, and every log line written while handling it the same requestId.
  const server = createServer({ connectionsCheckingInterval: limits.checkIntervalMs }, (req, res) =>
    withRequestId(log, req, res, () => {
      active.add(res);
      res.once("close", () => {
        active.delete(res);
        if (closing) server.closeIdleConnections();
      });
      if (closing) res.shouldKeepAlive = false;
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const method = (req.method ?? "GET").toUpperCase();
      // No route takes a body this large; refused before a byte of it is read (routes limit chunked bodies themselves).
      if ((declaredLength(req) ?? 0) > MAX_PLATFORM_BODY_BYTES) {
        refuseTooLarge(res, "application/json; charset=utf-8", JSON.stringify({ error: "request body too large" }));
        return;
      }
      const handler = routes.get(key(method, path)) ?? byPrefix(method, path);
      if (!handler) {
        const allowed = [...routes.keys()]
          .filter((k) => k.endsWith(` ${path}`))
          .concat(prefixes.filter((p) => path.startsWith(p.prefix)).map((p) => p.method));
        sendJson(res, allowed.length ? 405 : 404, { error: allowed.length ? "method not allowed" : "not found" });
        return;
      }
      Promise.resolve(handler(req, res)).catch((err: unknown) => {
        // A slow or vanished client is the client's doing: no error line per stalled connection.
        if (err instanceof RequestAborted) {
          log.info("request aborted before its body arrived", { path });
          return;
        }
        log.error("request failed", { path, error: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.end();
      });
    }),
  );

  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;

  return {
    server,
    route(method, path, handler) {
      routes.set(key(method, path), handler);
    },
    routePrefix(method, prefix, handler) {
      prefixes.push({ method: method.toUpperCase(), prefix, handler });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve({ port: typeof address === "object" && address ? address.port : port });
        });
      });
    },
    close() {
      closing = true;
      for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
    inFlight: () => active.size,
  };
}
