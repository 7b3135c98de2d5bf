/**
 * Request ids: every answer of the HTTP server carries one, and every log
 * line written while a request is handled (core included) names it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../core/index.js";
import { requestScope } from "../logger.js";

export const REQUEST_ID_HEADER = "x-request-id";
/** An incoming id is kept when it is a plain token: letters, digits and - _ . : / + =, at most 64 characters. */
const SANE_ID = /^[A-Za-z0-9._:/+=-]{1,64}$/;

export function requestIdOf(req: Pick<IncomingMessage, "headers">): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && SANE_ID.test(value) ? value : randomUUID();
}

/**
 * Runs one request's handling with its id: the answer carries `x-request-id`,
 * every log line written meanwhile (core included) has `requestId`, and a
 * debug line records the request when it is answered.
 */
export function withRequestId(log: Logger, req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const requestId = requestIdOf(req);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  requestScope.run({ requestId }, () => {
    const began = performance.now();
    res.once("finish", () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      log.debug("http request", { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - began) });
    });
    handle();
  });
}
