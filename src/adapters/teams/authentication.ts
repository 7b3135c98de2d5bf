/**
 * Bot Framework authentication from the settings: botbuilder's own
 * validation of the Bot Connector's JWTs, and the credentials Charter signs
 * its replies with. Without an app id (the explicit unauthenticated mode)
 * botbuilder accepts every request and sends without a token, as the Bot
 * Framework Emulator expects.
 */
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import type { TeamsSettings } from "./settings.js";

/** The Azure Bot's "Type of App" as botbuilder spells it. */
const BOTBUILDER_APP_TYPE = { MultiTenant: "MultiTenant", SingleTenant: "SingleTenant", UserAssignedMSI: "UserAssignedMsi" } as const;

export function botFrameworkAuthentication(settings: TeamsSettings): ConfigurationBotFrameworkAuthentication {
  if (settings.auth === "none") return new ConfigurationBotFrameworkAuthentication({});
  const credentials = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppType: BOTBUILDER_APP_TYPE[settings.appType],
    ...(settings.appPassword ? { MicrosoftAppPassword: settings.appPassword } : {}),
    ...(settings.tenantId ? { MicrosoftAppTenantId: settings.tenantId } : {}),
  };
  if (!settings.openIdMetadataUrl) return new ConfigurationBotFrameworkAuthentication(credentials);
  // Naming any one endpoint makes botbuilder expect all of them: the public cloud's, with the key source replaced.
  return new ConfigurationBotFrameworkAuthentication({
    ...credentials,
    ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  });
}
