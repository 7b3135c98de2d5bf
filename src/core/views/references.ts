/**
 * Live references: the only things in a Reply that a renderer turns into a
 * mention, a channel link or a hyperlink. Every other character of a view
 * string is inert text that each renderer escapes for its surface.
 *
 * A reference travels inside an ordinary string as a token between two
 * private-use characters, so templates keep composing strings:
 *   U+E000 "@" <user id> U+E002 <name> U+E001     a member
 *   U+E000 "#" <channel id> [U+E002 <name>] U+E001 a channel
 *   U+E000 "^" <http(s) url> U+E002 <label> U+E001 a link
 * Text a person wrote can never hold these characters: `withoutReserved`
 * strips them at every way in (typed words, form values, display names,
 * imported notes), so only this module can make a token. Bidi controls go
 * with them, at the way in and again when text is shown.
 */

const OPEN = "\uE000";
const CLOSE = "\uE001";
const SEP = "\uE002";
/**
 * What person text never carries: the private-use characters Charter keeps
 * for itself, and the bidi embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069), which would reorder what follows them on
 * screen (a table row's amount, who logged it). LRM and RLM reorder nothing
 * after them and stay.
 */
const RESERVED = /[\uE000-\uE00F\u202A-\u202E\u2066-\u2069]/g;
const HAS_RESERVED = /[\uE000-\uE00F\u202A-\u202E\u2066-\u2069]/;
const TOKEN = /\uE000([^\uE000\uE001]*)\uE001/g;

const ID = /^[A-Za-z0-9][\w:.@-]{0,199}$/;
const URL_SHAPE = /^https?:\/\/[^\s<>|()[\]"'`\\\u0000-\u001F\u007F\uE000-\uF8FF]{1,800}$/i;
const NAME_MAX = 200;

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "member"; id: string; name: string }
  | { kind: "channel"; id: string; name?: string }
  | { kind: "link"; url: string; label: string };

/** Person text made safe to carry: the reserved characters dropped. */
export function withoutReserved(value: string): string {
  return value.replace(RESERVED, "");
}

/** A name or label inside a token: one line, no reserved characters, bounded. */
function tokenText(value: string): string {
  return Array.from(withoutReserved(value).replace(/\s+/g, " ").trim()).slice(0, NAME_MAX).join("");
}

/**
 * A member the platform notifies: a Slack or Teams user id with their name.
 * An id of any other shape (a typed @name in the shell) stays the plain @name.
 */
export function memberRef(member: { platformUserId: string; name: string }): string {
  const name = tokenText(member.name) || member.platformUserId;
  if (!ID.test(member.platformUserId)) return `@${name}`;
  return `${OPEN}@${member.platformUserId}${SEP}${name}${CLOSE}`;
}

/** A channel as the platform links it; `name` is what surfaces without channel links show. */
export function channelRef(id: string, name?: string): string {
  const shown = name === undefined ? "" : tokenText(name);
  if (!ID.test(id)) return `#${shown || withoutReserved(id)}`;
  return `${OPEN}#${id}${shown ? SEP + shown : ""}${CLOSE}`;
}

/** A hyperlink to a URL the core built; anything but http(s) stays the label as text. */
export function linkRef(url: string, label: string): string {
  const shown = tokenText(label) || url;
  if (!URL_SHAPE.test(url)) return tokenText(shown);
  return `${OPEN}^${url}${SEP}${shown}${CLOSE}`;
}

/** The reference a well-formed token holds; null for anything else. */
function decode(inner: string): Exclude<Segment, { kind: "text" }> | null {
  const kind = inner[0];
  const [head = "", name, ...extra] = inner.slice(1).split(SEP);
  if (extra.length) return null;
  if (name !== undefined && (name === "" || name.length > NAME_MAX * 2 || /[\n\r]/.test(name))) return null;
  if (kind === "@" && ID.test(head) && name !== undefined) return { kind: "member", id: head, name };
  if (kind === "#" && ID.test(head)) return name === undefined ? { kind: "channel", id: head } : { kind: "channel", id: head, name };
  if (kind === "^" && URL_SHAPE.test(head) && name !== undefined) return { kind: "link", url: head, label: name };
  return null;
}

/**
 * A view string cut into inert text and references, in order. A malformed
 * token keeps its inner words as text; stray reserved characters are dropped.
 */
export function segments(value: string): Segment[] {
  const out: Segment[] = [];
  const pushText = (text: string) => {
    const clean = withoutReserved(text);
    if (!clean) return;
    const last = out[out.length - 1];
    if (last?.kind === "text") last.text += clean;
    else out.push({ kind: "text", text: clean });
  };
  let last = 0;
  for (const m of value.matchAll(TOKEN)) {
    pushText(value.slice(last, m.index));
    const ref = decode(m[1] ?? "");
    if (ref) out.push(ref);
    else pushText(m[1] ?? "");
    last = m.index + m[0].length;
  }
  pushText(value.slice(last));
  return out;
}

/** How a reference reads where nothing can be live: @name, #channel, label (url). */
export function referenceText(segment: Exclude<Segment, { kind: "text" }>): string {
  switch (segment.kind) {
    case "member":
      return `@${segment.name}`;
    case "channel":
      return `#${segment.name ?? segment.id}`;
    case "link":
      return segment.label === segment.url ? segment.url : `${segment.label} (${segment.url})`;
  }
}

/** A view string as plain words: references spelled out, reserved characters gone. */
export function plainReferences(value: string): string {
  if (!HAS_RESERVED.test(value)) return value;
  return segments(value)
    .map((s) => (s.kind === "text" ? s.text : referenceText(s)))
    .join("");
}

/** Whether a view string holds a well-formed reference. */
export function hasReferences(value: string): boolean {
  return value.includes(OPEN) && segments(value).some((s) => s.kind !== "text");
}

/** The member a whole word names when it is exactly one member token. */
export function memberToken(word: string): { id: string; name: string } | null {
  const parts = segments(word);
  const only = parts.length === 1 ? parts[0] : undefined;
  return word.startsWith(OPEN) && word.endsWith(CLOSE) && only?.kind === "member" ? { id: only.id, name: only.name } : null;
}

/** The channel a whole word names when it is exactly one channel token. */
export function channelToken(word: string): { id: string; name?: string } | null {
  const parts = segments(word);
  const only = parts.length === 1 ? parts[0] : undefined;
  return word.startsWith(OPEN) && word.endsWith(CLOSE) && only?.kind === "channel"
    ? { id: only.id, ...(only.name ? { name: only.name } : {}) }
    : null;
}

/** Where a token starts and ends, for a tokenizer that must keep one whole. */
export const TOKEN_OPEN = OPEN;
export const TOKEN_CLOSE = CLOSE;
