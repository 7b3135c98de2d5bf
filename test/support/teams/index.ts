/** Test support for the Teams adapter: a local Bot Connector, Teams activities, and a token issuer. */
export * from "./activities.js";
export * from "./connector-server.js";
export * from "./openid-server.js";
export * from "./token-server.js";
