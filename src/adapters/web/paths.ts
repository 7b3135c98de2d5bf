/** The console's URLs, built in one place (each part percent-encoded). */
import type { ChannelEntry } from "../../store/repositories/console.js";

const enc = encodeURIComponent;

export const channelPath = (channelId: string) => `/console/c/${enc(channelId)}`;
export const mirrorPath = (m: Pick<ChannelEntry, "platform" | "tenantId" | "channelId">) =>
  `/console/mirror/${enc(m.platform)}/${enc(m.tenantId)}/${enc(m.channelId)}`;
export const pathOf = (c: ChannelEntry) => (c.platform === "local" ? channelPath(c.channelId) : mirrorPath(c));
export const dashboardPath = (projectId: string) => `/console/projects/${enc(projectId)}`;

/** Names of local channels: what a chat channel name usually allows. */
export const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
