/**
 * Where an activity may come from, checked before botbuilder or Charter
 * reads it any further: Teams itself (channel id `msteams`), plus the Bot
 * Framework Emulator and Web Chat in the unauthenticated local mode, where
 * the serviceUrl Charter answers to must be on this machine, so a caller
 * can never make Charter POST elsewhere. A refused activity reaches nothing.
 */
import type { Activity } from "botbuilder";
import { TenantKeyError } from "../../core/index.js";
import { tenantOf } from "./activity.js";
import type { TeamsSettings } from "./settings.js";

const LOCAL_CHANNELS = new Set(["emulator", "webchat"]);
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** Why the activity is refused (a 4xx), or null when it may go on. */
export function refusalOf(activity: Activity, auth: TeamsSettings["auth"]): string | null {
  const channel = activity.channelId;
  if (channel !== "msteams" && !(auth === "none" && typeof channel === "string" && LOCAL_CHANNELS.has(channel))) {
    return "the activity's channel is not Microsoft Teams";
  }
  if (auth === "none" && !isLoopbackUrl(activity.serviceUrl)) {
    return "without authentication the serviceUrl must be a loopback address (127.0.0.1, ::1 or localhost)";
  }
  try {
    tenantOf(activity);
  } catch (error) {
    if (error instanceof TenantKeyError) return "the activity's tenant id is not one";
    throw error;
  }
  return null;
}

export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK_HOSTS.has(url.hostname.toLowerCase()) &&
    !url.username &&
    !url.password
  );
}
