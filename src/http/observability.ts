/**
 * What operators watch a Charter process through, on its HTTP server:
 * GET /metrics in Prometheus' text format, GET /readyz (request ids on every
 * answer are in request-id.ts).
 *
 * /healthz (in server.ts) is liveness: the process answers and its database
 * does. /readyz is readiness: the database and every configured chat
 * platform, so a load balancer sends traffic only where it can be served.
 */
import { timingSafeEqual, createHash } from "node:crypto";
import type { Logger } from "../core/index.js";
import type { Metrics } from "../observability/metrics.js";
import type { Config } from "../config.js";
import type { Runtime } from "../runtime.js";
import { sendJson, type HttpApp, type RouteHandler } from "./server.js";

/** Equal in constant time (both sides hashed first, so their lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** GET /metrics; with a token, only for `Authorization: Bearer <token>`. */
export function metricsRoute(metrics: Pick<Metrics, "scrape">, token: string | undefined): RouteHandler {
  return async (req, res) => {
    if (token) {
      const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
      if (!match || !sameSecret(match[1]!.trim(), token)) {
        res.setHeader("www-authenticate", 'Bearer realm="metrics"');
        sendJson(res, 401, { error: "a bearer token is required for /metrics" });
        return;
      }
    }
    const { contentType, body } = await metrics.scrape();
    res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
    res.end(body);
  };
}

/** One readiness check: resolves (or returns true) when ready, throws (or returns false) when not. */
export type ReadinessCheck = () => Promise<boolean | void> | boolean | void;

/** A check that has not answered by then counts as unavailable (a database that hangs). */
const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** GET /readyz: 200 with every check "ok", else 503 naming what is not ready. */
export function readinessRoute(log: Logger, checks: Record<string, ReadinessCheck>): RouteHandler {
  return async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]): Promise<[string, string]> => {
        try {
          return [name, (await withTimeout(Promise.resolve(check()), CHECK_TIMEOUT_MS)) === false ? "not ready" : "ok"];
        } catch (err) {
          log.warn("readiness check failed", { check: name, error: err instanceof Error ? err.message : String(err) });
          return [name, "unavailable"];
        }
      }),
    );
    const notReady = entries.filter(([, state]) => state !== "ok").map(([name]) => name);
    sendJson(res, notReady.length ? 503 : 200, {
      status: notReady.length ? "unavailable" : "ok",
      checks: Object.fromEntries(entries),
      ...(notReady.length ? { notReady } : {}),
    });
  };
}

/** Adds GET /metrics (when the runtime has metrics) and GET /readyz: the database plus the given platform checks. */
export function mountObservability(
  http: Pick<HttpApp, "route">,
  runtime: Pick<Runtime, "db" | "log" | "metrics"> & { config: Pick<Config, "METRICS_TOKEN"> },
  platforms: Record<string, ReadinessCheck>,
): void {
  if (runtime.metrics) http.route("GET", "/metrics", metricsRoute(runtime.metrics, runtime.config.METRICS_TOKEN));
  http.route("GET", "/readyz", readinessRoute(runtime.log, { database: () => runtime.db.ping(), ...platforms }));
}
