/**
 * The Bot Framework endpoints of each Azure cloud, as Microsoft publishes
 * them (botbuilder's AuthenticationConstants and GovernmentConstants; the
 * China cloud's from "Configure a bot in Microsoft Azure operated by
 * 21Vianet"), and the ones the configuration replaces.
 */
import type { BOT_CLOUDS, Config } from "../../config.js";

export type BotCloud = (typeof BOT_CLOUDS)[number];

export interface BotFrameworkEndpoints {
  /** The Microsoft Entra authority a multi-tenant bot gets its tokens from; a single-tenant bot uses its own tenant on the same host. */
  loginUrl: string;
  /** The audience of the tokens the bot sends to the Bot Connector. */
  oauthScope: string;
  /** Where the Bot Connector publishes the keys its requests to the bot are signed with. */
  openIdMetadataUrl: string;
  /** The issuer of the Bot Connector's requests to the bot. */
  tokenIssuer: string;
  /** The same for requests from the Bot Framework Emulator. */
  emulatorOpenIdMetadataUrl: string;
  /** The Bot Framework token service (user sign-in, which Charter does not use). */
  oauthUrl: string;
  /** The callerId botbuilder stamps on authenticated activities. */
  callerId: string;
}

export const BOT_FRAMEWORK_CLOUDS: Record<BotCloud, BotFrameworkEndpoints> = {
  public: {
    loginUrl: "https://login.microsoftonline.com/botframework.com",
    oauthScope: "https://api.botframework.com",
    openIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
    tokenIssuer: "https://api.botframework.com",
    emulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    oauthUrl: "https://api.botframework.com",
    callerId: "urn:botframework:azure",
  },
  usgov: {
    loginUrl: "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us",
    oauthScope: "https://api.botframework.us",
    openIdMetadataUrl: "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
    tokenIssuer: "https://api.botframework.us",
    emulatorOpenIdMetadataUrl:
      "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration",
    oauthUrl: "https://api.botframework.azure.us",
    callerId: "urn:botframework:azureusgov",
  },
  china: {
    loginUrl: "https://login.partner.microsoftonline.cn/microsoftservices.partner.onmschina.cn",
    oauthScope: "https://api.botframework.azure.cn",
    openIdMetadataUrl: "https://login.botframework.azure.cn/v1/.well-known/openidconfiguration",
    tokenIssuer: "https://api.botframework.azure.cn",
    emulatorOpenIdMetadataUrl:
      "https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration",
    oauthUrl: "https://token.botframework.azure.cn",
    callerId: "urn:botframework:azure",
  },
};

/** The configured cloud's endpoints, each one the configuration names replaced. */
export function botFrameworkEndpoints(config: Config): BotFrameworkEndpoints {
  const cloud = BOT_FRAMEWORK_CLOUDS[config.MICROSOFT_BOT_CLOUD ?? "public"];
  return {
    ...cloud,
    ...(config.MICROSOFT_BOT_LOGIN_URL ? { loginUrl: config.MICROSOFT_BOT_LOGIN_URL } : {}),
    ...(config.MICROSOFT_BOT_OAUTH_SCOPE ? { oauthScope: config.MICROSOFT_BOT_OAUTH_SCOPE } : {}),
    ...(config.MICROSOFT_BOT_OPENID_METADATA ? { openIdMetadataUrl: config.MICROSOFT_BOT_OPENID_METADATA } : {}),
    ...(config.MICROSOFT_BOT_TOKEN_ISSUER ? { tokenIssuer: config.MICROSOFT_BOT_TOKEN_ISSUER } : {}),
  };
}

/**
 * The authority a bot's client credentials are exchanged at: the login URL
 * for a multi-tenant bot, the app's own tenant on the login URL's host
 * otherwise (as botbuilder does for the public and US Government clouds).
 */
export function tokenAuthority(endpoints: BotFrameworkEndpoints, tenantId: string | undefined): string {
  if (!tenantId) return endpoints.loginUrl;
  return new URL(`/${tenantId}`, endpoints.loginUrl).toString();
}
