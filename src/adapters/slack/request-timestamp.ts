/**
 * Slack signs `v0:<timestamp>:<body>`, and a request whose timestamp is far
 * from now is a replay. Bolt refuses old timestamps but accepts any in the
 * future, so a request signed ahead of time would stay valid for as long as
 * its author likes; Charter refuses both directions past 5 minutes, before Bolt.
 */

/** How far a request's timestamp may be from now, either way (Slack's own advice). */
export const MAX_TIMESTAMP_SKEW_SECONDS = 5 * 60;

/** Whether the X-Slack-Request-Timestamp header is whole seconds within the allowed skew of `nowMs`. */
export function freshTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== "string" || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(Number(header) - nowMs / 1000) <= MAX_TIMESTAMP_SKEW_SECONDS;
}
