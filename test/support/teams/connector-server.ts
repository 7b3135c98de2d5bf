/**
 * A local stand-in for the Bot Connector service: the activity's serviceUrl
 * points here, so everything Charter sends to Teams lands in this server in
 * the Bot Framework REST wire format (/v3/conversations/...). It records each
 * call, answers member look-ups from a roster, and can be told to fail the
 * next sends to a conversation (429 with Retry-After, 5xx) to test retries.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface ConnectorCall {
  method: string;
  /** The decoded path, e.g. /v3/conversations/19:abc@thread.tacv2/activities. */
  path: string;
  /** The conversation id from the path, when there is one. */
  conversationId?: string;
  /** The activity replied to, for POST …/activities/{id}. */
  replyToId?: string;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** The status this server answered with. */
  status: number;
  at: number;
}

export interface RosterEntry {
  id: string;
  name: string;
  aadObjectId?: string;
  /** "user" or "guest" (an Entra B2B guest), as Teams answers; left out when not set. */
  userRole?: string;
  /** The person's home tenant (another one for a federated user). */
  tenantId?: string;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
}

export interface ConnectorServer {
  url: string;
  calls: ConnectorCall[];
  /** The activities posted to a conversation (new posts and replies), in order. */
  sent(conversationId?: string): ConnectorCall[];
  /** Resolves with the first call (past or future) matching, or fails after the timeout. */
  waitFor(match: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** The next sends to this conversation are answered with these failures, one each, in order. */
  failNext(conversationId: string, ...failures: Failure[]): void;
  roster: Map<string, RosterEntry>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", reject);
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(text);
      }
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startConnector(roster: RosterEntry[] = []): Promise<ConnectorServer> {
  const calls: ConnectorCall[] = [];
  const waiters: { match: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }[] = [];
  const failures = new Map<string, Failure[]>();
  const people = new Map(roster.flatMap((r) => [[r.id, r] as const, ...(r.aadObjectId ? [[r.aadObjectId, r] as const] : [])]));
  let n = 0;

  const record = (call: ConnectorCall) => {
    calls.push(call);
    for (const w of [...waiters]) {
      if (w.match(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const base = { method: req.method ?? "GET", path, headers: req.headers, body, at: Date.now() };
    const activities = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === "POST" && activities) {
      const conversationId = activities[1]!;
      const failure = failures.get(conversationId)?.shift();
      const status = failure?.status ?? 200;
      record({ ...base, conversationId, ...(activities[2] ? { replyToId: activities[2] } : {}), status });
      if (failure) return send(res, failure.status, { error: { code: "Failure", message: `status ${failure.status}` } }, failure.headers);
      return send(res, 200, { id: `activity-${++n}` });
    }
    if (req.method === "GET" && member) {
      const person = people.get(member[2]!);
      record({ ...base, conversationId: member[1]!, status: person ? 200 : 404 });
      if (!person) return send(res, 404, { error: { code: "MemberNotFoundInConversation", message: "not a member" } });
      const { id, name, aadObjectId, userRole, tenantId } = person;
      return send(res, 200, {
        id,
        name,
        ...(aadObjectId ? { aadObjectId } : {}),
        ...(userRole ? { userRole } : {}),
        ...(tenantId ? { tenantId } : {}),
      });
    }
    if (req.method === "POST" && path === "/v3/conversations") {
      record({ ...base, status: 200 });
      return send(res, 200, { id: `a:created-${++n}` });
    }
    record({ ...base, status: 404 });
    send(res, 404, { error: { code: "NotFound", message: `no route ${req.method} ${path}` } });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    roster: people,
    sent: (conversationId) =>
      calls.filter(
        (c) =>
          c.method === "POST" &&
          /\/activities/.test(c.path) &&
          c.status === 200 &&
          (conversationId === undefined || c.conversationId === conversationId),
      ),
    waitFor(match, timeoutMs = 10_000) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (c: ConnectorCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `no matching Bot Connector call within ${timeoutMs} ms; calls so far:\n${calls.map((c) => `${c.status} ${c.method} ${c.path}`).join("\n")}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext(conversationId, ...list) {
      failures.set(conversationId, [...(failures.get(conversationId) ?? []), ...list]);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
