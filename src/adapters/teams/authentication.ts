/**
 * Bot Framework authentication from the settings: botbuilder's own
 * validation of the Bot Connector's JWTs, and the credentials Charter signs
 * its replies with. Without an app id (the explicit unauthenticated mode)
 * botbuilder accepts every request and sends without a token, as the Bot
 * Framework Emulator expects.
 *
 * Every endpoint is passed explicitly (public Azure's unless configured), so
 * one code path serves every cloud. Tokens are cached by botbuilder (per app
 * and audience, until five minutes before they expire).
 */
import { createRequire } from "node:module";
import type { Configuration } from "@azure/msal-node";
import { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { MsalServiceClientCredentialsFactory } from "botframework-connector";
import { tokenAuthority } from "./bot-framework-cloud.js";
import type { TeamsSettings } from "./settings.js";

/** The Azure Bot's "Type of App" as botbuilder spells it. */
const BOTBUILDER_APP_TYPE = { MultiTenant: "MultiTenant", SingleTenant: "SingleTenant", UserAssignedMSI: "UserAssignedMsi" } as const;

type AppSettings = Extract<TeamsSettings, { auth: "app" }>;
type MsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

// MSAL's CommonJS build, the one botframework-connector has loaded already: importing its ES module build would load MSAL twice.
const { ConfidentialClientApplication } = createRequire(import.meta.url)("@azure/msal-node") as {
  ConfidentialClientApplication: new (configuration: Configuration) => MsalClient;
};

export function botFrameworkAuthentication(settings: TeamsSettings): ConfigurationBotFrameworkAuthentication {
  if (settings.auth === "none") return new ConfigurationBotFrameworkAuthentication({});
  const { endpoints } = settings;
  const options = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppType: BOTBUILDER_APP_TYPE[settings.appType],
    ...(settings.tenantId ? { MicrosoftAppTenantId: settings.tenantId } : {}),
    ToChannelFromBotLoginUrl: loginUrlOf(settings),
    ToChannelFromBotOAuthScope: endpoints.oauthScope,
    ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl,
    OAuthUrl: endpoints.oauthUrl,
    CallerId: endpoints.callerId,
    ValidateAuthority: true,
  };
  // A managed identity gets its tokens from the Azure host (botbuilder's DefaultAzureCredential), not from a login URL.
  if (settings.appType === "UserAssignedMSI") return new ConfigurationBotFrameworkAuthentication(options);
  return new ConfigurationBotFrameworkAuthentication(
    options,
    new MsalServiceClientCredentialsFactory(settings.appId, clientApplication(settings)),
  );
}

/** The tenant's authority for a single-tenant bot, the cloud's login URL otherwise. */
function loginUrlOf(settings: AppSettings): string {
  return tokenAuthority(settings.endpoints, settings.appType === "SingleTenant" ? settings.tenantId : undefined);
}

/**
 * The client-credentials exchange at the configured authority. Its host is
 * named as known, so MSAL trusts the configured authority without asking
 * login.microsoftonline.com about it first (which a private or sovereign
 * cloud, or a machine without that route, would fail).
 */
function clientApplication(settings: AppSettings): MsalClient {
  const authority = loginUrlOf(settings);
  return new ConfidentialClientApplication({
    auth: { clientId: settings.appId, clientSecret: settings.appPassword ?? "", authority, knownAuthorities: [new URL(authority).host] },
  });
}
