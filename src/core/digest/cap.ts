/** Keeps digest lists short enough for chat limits (Slack: 50 blocks, 3,000 characters a text). */

export const DIGEST_LIST_CAP = 10;

/** The first `max` lines, plus "…and N more" when some were left out. */
export function capped(lines: string[], max = DIGEST_LIST_CAP, noun = "more"): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `…and ${lines.length - max} ${noun}`];
}
