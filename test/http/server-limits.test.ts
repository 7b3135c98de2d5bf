/**
 * The HTTP server's own limits, with short times configured: a request whose
 * body stalls is answered 408 and closed when its time runs out, an idle
 * keep-alive connection is closed, and connections past the cap are closed
 * as they arrive while the ones inside it are served.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpApp, DEFAULT_SERVER_LIMITS, sendJson, type HttpApp, type ServerLimits } from "../../src/http/server.js";
import { readBody } from "../../src/http/body.js";

const errors: string[] = [];
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (msg: string) => void errors.push(msg) };
let app: HttpApp | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await app?.close();
  app = undefined;
});

async function serve(limits: Partial<ServerLimits>): Promise<number> {
  app = createHttpApp(silent, { database: async () => undefined }, { ...DEFAULT_SERVER_LIMITS, ...limits });
  app.route("POST", "/echo", async (req, res) => {
    const body = await readBody(req, 1024);
    sendJson(res, 200, { got: body.length });
  });
  return (await app.listen(0, "127.0.0.1")).port;
}

interface Watched {
  socket: Socket;
  received: () => string;
  /** Milliseconds from connecting until the server closed the connection. */
  closed: Promise<number>;
}

function open(port: number, head?: string): Promise<Watched> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const socket = connect(port, "127.0.0.1");
    sockets.push(socket);
    let got = "";
    socket.on("data", (c) => (got += c.toString("latin1")));
    socket.on("error", () => undefined);
    const closed = new Promise<number>((done) => socket.once("close", () => done(performance.now() - began)));
    socket.once("connect", () => {
      if (head) socket.write(head);
      resolve({ socket, received: () => got, closed });
    });
    socket.once("error", reject);
  });
}

const stalledPost = 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":';

describe("HTTP server limits", () => {
  it("sets explicit timeouts and a connection cap by default", () => {
    app = createHttpApp(silent, { database: async () => undefined });
    expect(app.server.headersTimeout).toBe(DEFAULT_SERVER_LIMITS.headersTimeoutMs);
    expect(app.server.requestTimeout).toBe(DEFAULT_SERVER_LIMITS.requestTimeoutMs);
    expect(app.server.keepAliveTimeout).toBe(DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs);
    expect(app.server.maxConnections).toBe(DEFAULT_SERVER_LIMITS.maxConnections);
    expect(DEFAULT_SERVER_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
  });

  it("answers 300 stalled bodies 408 and closes them within the configured time", async () => {
    const port = await serve({ headersTimeoutMs: 500, requestTimeoutMs: 1_000, checkIntervalMs: 100 });
    const stalled = await Promise.all(Array.from({ length: 300 }, () => open(port, stalledPost)));
    const times = await Promise.all(stalled.map((s) => s.closed));
    for (const [i, ms] of times.entries()) {
      expect(ms, `connection ${i}`).toBeLessThan(3_000);
      expect(stalled[i]!.received()).toMatch(/^HTTP\/1\.1 408/);
    }
    // A stalled client is no error of the server's.
    expect(errors).toEqual([]);
    // The server still answers.
    const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: "POST", body: "{}" });
    expect(await res.json()).toEqual({ got: 2 });
  });

  it("closes a connection that never finishes its headers", async () => {
    const port = await serve({ headersTimeoutMs: 500, requestTimeoutMs: 1_000, checkIntervalMs: 100 });
    const slow = await open(port, "POST /echo HTTP/1.1\r\nHost: x\r\n");
    expect(await slow.closed).toBeLessThan(2_000);
  });

  it("closes an idle keep-alive connection after its time", async () => {
    const port = await serve({ keepAliveTimeoutMs: 300, checkIntervalMs: 100 });
    const idle = await open(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    expect(await idle.closed).toBeLessThan(1_500);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);
  });

  it("holds the connection cap: connections past it are closed at once, those inside it served", async () => {
    const port = await serve({ maxConnections: 5, requestTimeoutMs: 10_000, headersTimeoutMs: 10_000 });
    const held = await Promise.all(Array.from({ length: 5 }, () => open(port, stalledPost)));
    await new Promise((r) => setTimeout(r, 100));
    const over = await open(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    expect(await over.closed).toBeLessThan(1_000);
    expect(over.received()).toBe("");
    // A held connection finishes its body and is answered.
    held[0]!.socket.write(`${"1".repeat(91)}}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(held[0]!.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});
