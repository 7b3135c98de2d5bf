/**
 * A local OpenID metadata and signing-key endpoint standing in for the Bot
 * Connector's (login.botframework.com), and the tokens it would issue, so a
 * test can send a request with a Bot Framework JWT that botbuilder's own
 * validation accepts, and ones it must refuse.
 */
import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer } from "node:http";

export const CHANNEL_ISSUER = "https://api.botframework.com";

export interface TokenClaims {
  aud: string;
  serviceUrl: string;
  iss?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

export interface OpenIdServer {
  /** The OpenID configuration document's URL (MICROSOFT_BOT_OPENID_METADATA). */
  metadataUrl: string;
  /** A token signed with the published key. */
  token(claims: TokenClaims): string;
  /** A token of the same shape signed with a key that is not published. */
  forgedToken(claims: TokenClaims): string;
  /** How often the keys were fetched. */
  keyFetches(): number;
  close(): Promise<void>;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

function sign(key: KeyObject, kid: string, claims: TokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT", kid };
  const payload = {
    iss: claims.iss ?? CHANNEL_ISSUER,
    aud: claims.aud,
    serviceurl: claims.serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + (claims.expiresIn ?? 3600),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign("RSA-SHA256").update(input).sign(key);
  return `${input}.${b64url(signature)}`;
}

export async function startOpenIdServer(): Promise<OpenIdServer> {
  const published = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const forged = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "charter-test-key";
  const jwk = published.publicKey.export({ format: "jwk" });
  let fetches = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const port = (server.address() as { port: number }).port;
    const json = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === "/v1/.well-known/openidconfiguration") {
      return json({
        issuer: CHANNEL_ISSUER,
        jwks_uri: `http://127.0.0.1:${port}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (path === "/v1/.well-known/keys") {
      fetches++;
      return json({ keys: [{ kty: "RSA", use: "sig", kid, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    token: (claims) => sign(published.privateKey, kid, claims),
    // Same kid, so the validator finds "the" key and the signature check is what fails.
    forgedToken: (claims) => sign(forged.privateKey, kid, claims),
    keyFetches: () => fetches,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
