/**
 * Local stand-ins for Slack's servers and builders for Slack's requests, for
 * tests that run the real Slack SDKs against them.
 */
import { startSlackApi, type SlackApi, type SlackApiOptions } from "./api-server.js";
import { startSocketModeServer, type SocketModeServer, type SocketModeServerOptions } from "./socket-server.js";

export * from "./api-server.js";
export * from "./socket-server.js";
export * from "./requests.js";
export * from "./ids.js";
export * from "./logger.js";
export { checkMessage, checkView, type LimitError } from "./limits.js";
export type { ChannelSpec, OAuthInstall, StoredMessage, StoredView, TokenIdentity, UserSpec, Workspace } from "./workspace.js";

export interface SlackServers {
  api: SlackApi;
  socket: SocketModeServer;
  close(): Promise<void>;
}

/** Both servers, with apps.connections.open pointing at the socket server. */
export async function startSlackServers(
  options: { api?: Omit<SlackApiOptions, "socketModeUrl">; socket?: SocketModeServerOptions } = {},
): Promise<SlackServers> {
  const socket = await startSocketModeServer({ appId: options.api?.appId, ...options.socket });
  const api = await startSlackApi({ ...options.api, socketModeUrl: socket.url });
  return {
    api,
    socket,
    close: async () => {
      await socket.close();
      await api.close();
    },
  };
}
