/**
 * Reading request bodies with a size limit. A body declared larger than the
 * limit (Content-Length) is refused before a byte of it is read; a chunked
 * body that grows past it is refused as soon as it does, and the rest is not
 * read: the 413 is answered with `Connection: close`, so the socket is closed
 * after it instead of draining what the client still sends.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest body a Slack or Teams request may have (their payloads are far smaller). */
export const MAX_PLATFORM_BODY_BYTES = 1024 * 1024;

export class PayloadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body too large (limit ${limit} bytes)`);
  }
}

/** The client went away, or the server closed a request that took too long, before its body arrived. */
export class RequestAborted extends Error {
  constructor() {
    super("request aborted before its body arrived");
  }
}

/** The declared Content-Length, or undefined when there is none (chunked) or it is not a number. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers["content-length"];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The whole body, or PayloadTooLarge as soon as it is known to exceed `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req);
    if (declared !== undefined && declared > limit) {
      req.pause();
      reject(new PayloadTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new PayloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onAborted = () => {
      cleanup();
      reject(new RequestAborted());
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

/**
 * Answers 413 and closes the connection once the answer is written: the
 * unread rest of the body is never drained into the process.
 */
export function refuseTooLarge(res: ServerResponse, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.shouldKeepAlive = false;
  res.writeHead(413, { ...headers, "content-type": contentType, "content-length": Buffer.byteLength(body), connection: "close" });
  // With keep-alive off, Node ends and destroys the socket once this is written.
  res.end(body);
}
