/**
 * A word a person typed, as a reply shows it back (an unknown command, a
 * value that did not parse, a name that matched nothing): cut short, so a
 * pasted essay stays one line of one message instead of pages of them.
 */

/** The most characters of a typed word a reply repeats. */
export const ECHO_LIMIT = 60;

export function echo(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length > ECHO_LIMIT ? `${chars.slice(0, ECHO_LIMIT).join("")}…` : chars.join("");
}
