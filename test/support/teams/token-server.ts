/**
 * A local stand-in for where a bot gets its Bot Connector tokens:
 * - Microsoft Entra's OAuth2 client-credentials endpoint, over HTTPS (MSAL
 *   takes only https authorities) with a certificate made for the run, which
 *   Charter trusts through NODE_EXTRA_CA_CERTS;
 * - the managed identity endpoint an Azure App Service host offers
 *   (IDENTITY_ENDPOINT and IDENTITY_HEADER, as App Service sets them).
 * Every request is recorded; the endpoint can be told to refuse (401) or
 * drop the connection until told to recover.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MULTI_TENANT_AUTHORITY = "botframework.com";

export interface TokenRequest {
  kind: "client-credentials" | "managed-identity";
  /** The tenant in the token URL's path (client credentials). */
  tenant?: string;
  clientId: string;
  /** The scope (client credentials) or resource (managed identity) asked for. */
  audience: string;
  status: number;
  /** The token handed out, when one was. */
  token?: string;
}

export type TokenFailure = 401 | "drop";

export interface TokenServerOptions {
  clientId: string;
  /** The client secret a client-credentials request must carry. */
  clientSecret?: string;
}

export interface TokenServer {
  /** MICROSOFT_BOT_LOGIN_URL for a multi-tenant bot: https://127.0.0.1:<port>/botframework.com */
  loginUrl: string;
  /** The file to name in NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** IDENTITY_ENDPOINT and IDENTITY_HEADER for a managed identity. */
  managedIdentityEnv: Record<string, string>;
  requests: TokenRequest[];
  /** The tokens handed out, oldest first. */
  issued(): string[];
  /** Lifetime of the next tokens, in seconds (default 3600). */
  expiresIn: number;
  failWith(failure: TokenFailure): void;
  recover(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", reject);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A self-signed certificate for 127.0.0.1, valid for a day. */
function certificate(dir: string): { key: Buffer; cert: Buffer; certFile: string } {
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    {
      stdio: "ignore",
    },
  );
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), certFile };
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const dir = mkdtempSync(join(tmpdir(), "charter-token-server-"));
  const { key, cert, certFile } = certificate(dir);
  const identityHeader = randomBytes(16).toString("hex");
  const requests: TokenRequest[] = [];
  let failure: TokenFailure | null = null;
  let n = 0;
  const state = { expiresIn: 3600 };
  const newToken = () => `local-access-token-${++n}-${randomBytes(12).toString("hex")}`;

  /** Applies the failure mode; true when the request was answered with it. */
  const failed = (req: IncomingMessage, res: ServerResponse, request: Omit<TokenRequest, "status">): boolean => {
    if (!failure) return false;
    if (failure === "drop") {
      requests.push({ ...request, status: 0 });
      req.socket.destroy();
      return true;
    }
    requests.push({ ...request, status: failure });
    json(res, 401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
    return true;
  };

  const https = createHttpsServer({ key, cert }, async (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const base = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
    const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === "GET" && metadata) {
      const tenant = metadata[1]!;
      return json(res, 200, {
        issuer: `${base}/${tenant}/v2.0`,
        authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
        jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
      });
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === "POST" && token) {
      const form = new URLSearchParams(await readBody(req));
      const request = {
        kind: "client-credentials" as const,
        tenant: token[1]!,
        clientId: form.get("client_id") ?? "",
        audience: form.get("scope") ?? "",
      };
      if (failed(req, res, request)) return;
      if (
        form.get("grant_type") !== "client_credentials" ||
        request.clientId !== options.clientId ||
        form.get("client_secret") !== options.clientSecret
      ) {
        requests.push({ ...request, status: 401 });
        return json(res, 401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
      }
      const issued = newToken();
      requests.push({ ...request, status: 200, token: issued });
      return json(res, 200, { token_type: "Bearer", expires_in: state.expiresIn, ext_expires_in: state.expiresIn, access_token: issued });
    }
    json(res, 404, { error: "not_found" });
  });

  // App Service's managed identity endpoint (api-version 2019-08-01): a GET with the resource and client id, the header as proof.
  const http = createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== "/msi/token") return json(res, 404, { error: "not_found" });
    const request = {
      kind: "managed-identity" as const,
      clientId: url.searchParams.get("client_id") ?? "",
      audience: url.searchParams.get("resource") ?? "",
    };
    if (failed(req, res, request)) return;
    if (req.headers["x-identity-header"] !== identityHeader || request.clientId !== options.clientId) {
      requests.push({ ...request, status: 400 });
      return json(res, 400, { error: "invalid_request" });
    }
    const issued = newToken();
    requests.push({ ...request, status: 200, token: issued });
    json(res, 200, {
      access_token: issued,
      expires_on: String(Math.floor(Date.now() / 1000) + state.expiresIn),
      resource: request.audience,
      token_type: "Bearer",
      client_id: request.clientId,
    });
  });

  await Promise.all([new Promise<void>((r) => https.listen(0, "127.0.0.1", r)), new Promise<void>((r) => http.listen(0, "127.0.0.1", r))]);
  const httpsPort = (https.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  const close = (server: typeof http | typeof https) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    loginUrl: `https://127.0.0.1:${httpsPort}/${MULTI_TENANT_AUTHORITY}`,
    caFile: certFile,
    managedIdentityEnv: { IDENTITY_ENDPOINT: `http://127.0.0.1:${httpPort}/msi/token`, IDENTITY_HEADER: identityHeader },
    requests,
    issued: () => requests.flatMap((r) => (r.token ? [r.token] : [])),
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(seconds: number) {
      state.expiresIn = seconds;
    },
    failWith: (f) => {
      failure = f;
    },
    recover: () => {
      failure = null;
    },
    async close() {
      await Promise.all([close(https), close(http)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
