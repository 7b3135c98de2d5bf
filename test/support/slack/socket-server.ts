/**
 * A local stand-in for Slack's Socket Mode endpoint (wss://wss-primary.slack.com/link/).
 * A client reaches it the way it reaches Slack: apps.connections.open on the
 * local API server hands out this server's url. On connect it greets with
 * "hello" (the client counts itself connected only then); tests push
 * envelopes and read the client's acks.
 *
 * @slack/socket-mode 3.x connects with undici's WebSocket, pings every
 * clientPingTimeout/3 and drops the link when pongs stop; `ws` answers pings
 * by itself. Server pings are optional: the client only starts watching for
 * them after the first one arrives.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { DEFAULT_APP_ID } from "./ids.js";
import { Recorder } from "./recorder.js";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  /** events_api only: Slack's retry count and reason ("" on the first delivery). */
  retry_attempt?: number;
  retry_reason?: string;
}

/** What the client sends back for an envelope; `payload` is {} for a bare ack(). */
export interface Ack {
  envelope_id: string;
  payload?: unknown;
  at: number;
  connection: number;
}

export interface SocketConnection {
  /** 1 for the first connection, 2 for the next, ... */
  id: number;
  openedAt: number;
  closedAt?: number;
  isOpen: boolean;
  /** Every message the client sent, parsed. */
  received: unknown[];
  pingsReceived: number;
  socket: WebSocket;
}

export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export interface SendOptions {
  /** Defaults to the open connections in turn, as Slack spreads envelopes across them. */
  connection?: SocketConnection;
  envelope_id?: string;
  /** Defaults per Slack: true for slash commands, view submissions and option requests. */
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketModeServer {
  /** ws://127.0.0.1:PORT/link/?ticket=...&app_id=..., for apps.connections.open. */
  url: string;
  appId: string;
  /** Every connection so far, open or closed. */
  connections: SocketConnection[];
  openConnections(): SocketConnection[];
  /** An open connection (already there or the next one to arrive). */
  waitForConnection(timeoutMs?: number): Promise<SocketConnection>;
  /** The first `count` connections ever made (for reconnection tests). */
  waitForConnections(count: number, timeoutMs?: number): Promise<SocketConnection[]>;
  /** Pushes an envelope to one open connection; throws when none is open. */
  send(type: EnvelopeType, payload: unknown, options?: SendOptions): Envelope;
  /** Waits for a connection, pushes the envelope and resolves with the client's ack. */
  sendAndWaitForAck(type: EnvelopeType, payload: unknown, options?: SendOptions & { timeoutMs?: number }): Promise<Ack>;
  acks: Ack[];
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<Ack>;
  /** Sends Slack's "disconnect" message; the client closes and reconnects through apps.connections.open. */
  disconnect(reason?: DisconnectReason, connection?: SocketConnection): void;
  /** Cuts the TCP connection without a close frame, like a network failure. */
  drop(connection?: SocketConnection): void;
  close(): Promise<void>;
}

export interface SocketModeServerOptions {
  appId?: string;
  /** Send a WebSocket ping this often, as Slack does; off by default. */
  pingIntervalMs?: number;
}

const DEFAULT_WAIT_MS = 5_000;
const DEBUG_INFO = { host: "applink-local-0", build_number: 1, approximate_connection_time: 18060 };

function acceptsResponsePayload(type: EnvelopeType, payload: unknown): boolean {
  if (type === "slash_commands") return true;
  const kind = typeof payload === "object" && payload !== null ? (payload as { type?: unknown }).type : undefined;
  return type === "interactive" && (kind === "view_submission" || kind === "block_suggestion");
}

export async function startSocketModeServer(options: SocketModeServerOptions = {}): Promise<SocketModeServer> {
  const appId = options.appId ?? DEFAULT_APP_ID;
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: "/link/" });
  const connections = new Recorder<SocketConnection>();
  const acks = new Recorder<Ack>();
  let turn = 0;

  wss.on("connection", (socket) => {
    const connection: SocketConnection = {
      id: connections.items.length + 1,
      openedAt: Date.now(),
      isOpen: true,
      received: [],
      pingsReceived: 0,
      socket,
    };
    const pinger = options.pingIntervalMs ? setInterval(() => socket.ping(`ping-${Date.now()}`), options.pingIntervalMs) : undefined;
    socket.on("ping", () => void connection.pingsReceived++);
    socket.on("message", (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        message = String(data);
      }
      connection.received.push(message);
      const envelopeId = typeof message === "object" && message !== null ? (message as { envelope_id?: unknown }).envelope_id : undefined;
      if (typeof envelopeId === "string") {
        const payload = (message as { payload?: unknown }).payload;
        acks.push({ envelope_id: envelopeId, ...(payload !== undefined ? { payload } : {}), at: Date.now(), connection: connection.id });
      }
    });
    socket.on("close", () => {
      clearInterval(pinger);
      connection.isOpen = false;
      connection.closedAt = Date.now();
    });
    socket.send(
      JSON.stringify({ type: "hello", num_connections: open().length + 1, debug_info: DEBUG_INFO, connection_info: { app_id: appId } }),
    );
    connections.push(connection);
  });

  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;

  const open = () => connections.items.filter((c) => c.isOpen);
  const pick = (connection?: SocketConnection): SocketConnection => {
    if (connection) return connection;
    const candidates = open();
    if (candidates.length === 0) throw new Error("No Socket Mode client is connected");
    return candidates[turn++ % candidates.length]!;
  };
  const waitForConnection = async (timeoutMs = DEFAULT_WAIT_MS): Promise<SocketConnection> =>
    (
      await connections.waitFor(
        (c) => c.isOpen,
        1,
        timeoutMs,
        () => `waiting for a Socket Mode connection (${connections.items.length} so far, none open)`,
      )
    )[0]!;
  const waitForAck = async (envelopeId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<Ack> =>
    (
      await acks.waitFor(
        (a) => a.envelope_id === envelopeId,
        1,
        timeoutMs,
        () => `waiting for the ack of envelope ${envelopeId}`,
      )
    )[0]!;

  function send(type: EnvelopeType, payload: unknown, sendOptions: SendOptions = {}): Envelope {
    const envelope: Envelope = {
      envelope_id: sendOptions.envelope_id ?? randomUUID(),
      type,
      payload,
      accepts_response_payload: sendOptions.accepts_response_payload ?? acceptsResponsePayload(type, payload),
      ...(type === "events_api" ? { retry_attempt: sendOptions.retry_attempt ?? 0, retry_reason: sendOptions.retry_reason ?? "" } : {}),
    };
    pick(sendOptions.connection).socket.send(JSON.stringify(envelope));
    return envelope;
  }

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=${appId}`,
    appId,
    connections: connections.items,
    openConnections: open,
    waitForConnection,
    waitForConnections: (count, timeoutMs = DEFAULT_WAIT_MS) =>
      connections.waitFor(
        () => true,
        count,
        timeoutMs,
        () => `waiting for ${count} Socket Mode connections`,
      ),
    send,
    async sendAndWaitForAck(type, payload, { timeoutMs = DEFAULT_WAIT_MS, ...sendOptions } = {}) {
      if (!sendOptions.connection) await waitForConnection(timeoutMs);
      return waitForAck(send(type, payload, sendOptions).envelope_id, timeoutMs);
    },
    acks: acks.items,
    waitForAck,
    disconnect(reason = "refresh_requested", connection) {
      pick(connection).socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: DEBUG_INFO.host } }));
    },
    drop(connection) {
      pick(connection).socket.terminate();
    },
    async close() {
      // Bolt's SocketModeReceiver.stop() resolves before its close handshake ends; let it finish so the client sees a clean close.
      await Promise.all([...wss.clients].map((client) => closeGracefully(client)));
      wss.close();
      await new Promise<void>((resolve, reject) => {
        http.close((err) => (err ? reject(err) : resolve()));
        http.closeAllConnections();
      });
    },
  };
}

function closeGracefully(socket: WebSocket, timeoutMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) return resolve();
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, timeoutMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === socket.OPEN) socket.close(1001, "server shutting down");
  });
}
