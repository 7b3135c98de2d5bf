/**
 * The project charter's content, as each CharterVersion stores it (JSON):
 *
 *   objectives, deliverables, milestones, roles, communication: string lists
 *   scope: { in: string[], out: string[] }
 *   timeline, budget: text ("" = not stated)
 *
 * Versions written before a part existed simply lack it and read as empty;
 * keys this module does not know are carried over untouched from version to
 * version. Approved change requests extend `scope.in` (withScopeItem).
 */

export interface CharterScope {
  /** What the project delivers, one item per entry. */
  in: string[];
  /** What it explicitly does not. */
  out: string[];
}

export interface CharterContent {
  objectives: string[];
  scope: CharterScope;
  deliverables: string[];
  milestones: string[];
  timeline: string;
  budget: string;
  /** Roles and responsibilities: "@carol — sponsor, signs off scope". */
  roles: string[];
  /** Communication channels and cadence: "Weekly digest, Fridays, #apollo". */
  communication: string[];
}

/** The parts a user edits, each one field of the `project charter` form. */
export const CHARTER_PARTS = [
  { key: "objectives", label: "Objectives", kind: "list" },
  { key: "scopeIn", label: "In scope", kind: "list" },
  { key: "scopeOut", label: "Out of scope", kind: "list" },
  { key: "deliverables", label: "Deliverables", kind: "list" },
  { key: "milestones", label: "Milestones", kind: "list" },
  { key: "timeline", label: "Timeline", kind: "text" },
  { key: "budget", label: "Budget", kind: "text" },
  { key: "roles", label: "Roles and responsibilities", kind: "list" },
  { key: "communication", label: "Communication", kind: "list" },
] as const;

export type CharterPartKey = (typeof CHARTER_PARTS)[number]["key"];

/** New values of some parts: lists for list parts, text for timeline and budget. */
export type CharterPatch = Partial<Record<CharterPartKey, string[] | string>>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A list as stored: a list stays a list; a single text becomes its only item. */
function items(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  if (typeof value === "string" && value.trim() !== "") return [value];
  return [];
}

const strings = (value: unknown): string[] => items(value).filter((v): v is string => typeof v === "string");
const textOf = (value: unknown): string => (typeof value === "string" ? value : Array.isArray(value) ? strings(value).join("; ") : "");

/**
 * Items typed as one text: one per line or separated by ";", list bullets
 * ("- ", "* ", "• ") dropped, blanks left out. "-" or "none" alone clears the part.
 */
export function splitItems(text: string): string[] {
  if (/^\s*(-|none)\s*$/i.test(text)) return [];
  return text
    .split(/[\n;]/)
    .map((line) => line.replace(/^\s*(?:[-*•]\s+)/, "").trim())
    .filter((line) => line !== "");
}

/** "-" or "none" clears a text part; anything else is kept, trimmed. */
export const partText = (text: string): string => (/^\s*(-|none)\s*$/i.test(text) ? "" : text.trim());

/**
 * The content of the next charter version with `text` added to `scope.in`.
 * `previous` is the latest version's content (null when there is none yet);
 * everything else in it is kept as it was.
 */
export function withScopeItem(previous: unknown, text: string): Record<string, unknown> {
  const content = isRecord(previous) ? { ...previous } : {};
  const scope = isRecord(content.scope) ? { ...content.scope } : {};
  content.scope = { ...scope, in: [...items(scope.in), text], out: items(scope.out) };
  return content;
}

/** The scope of a stored charter content, for display; unreadable parts read as empty. */
export function charterScope(content: unknown): CharterScope {
  const scope = isRecord(content) && isRecord(content.scope) ? content.scope : {};
  return { in: strings(scope.in), out: strings(scope.out) };
}

/** Every part of a stored content; missing or unreadable parts read as empty. */
export function charterContent(content: unknown): CharterContent {
  const c = isRecord(content) ? content : {};
  return {
    objectives: strings(c.objectives),
    scope: charterScope(content),
    deliverables: strings(c.deliverables),
    milestones: strings(c.milestones),
    timeline: textOf(c.timeline),
    budget: textOf(c.budget),
    roles: strings(c.roles),
    communication: strings(c.communication),
  };
}

/** One part's value in a content: a list, or the text of timeline and budget. */
export function partValue(content: CharterContent, key: CharterPartKey): string[] | string {
  switch (key) {
    case "scopeIn":
      return content.scope.in;
    case "scopeOut":
      return content.scope.out;
    default:
      return content[key];
  }
}

/**
 * The content of the next version: the previous one with the patched parts
 * replaced; parts not in the patch, and keys this module does not know, stay.
 */
export function withCharterParts(previous: unknown, patch: CharterPatch): Record<string, unknown> {
  const content: Record<string, unknown> = isRecord(previous) ? { ...previous } : {};
  const scope: Record<string, unknown> = isRecord(content.scope) ? { ...content.scope } : {};
  const current = charterContent(previous);
  for (const part of CHARTER_PARTS) {
    const value = patch[part.key];
    if (value === undefined) continue;
    if (part.key === "scopeIn") scope.in = value;
    else if (part.key === "scopeOut") scope.out = value;
    else content[part.key] = value;
  }
  content.scope = { ...scope, in: scope.in ?? current.scope.in, out: scope.out ?? current.scope.out };
  return content;
}

/** Whether two contents say the same in every part. */
export function sameCharter(a: CharterContent, b: CharterContent): boolean {
  return CHARTER_PARTS.every((p) => JSON.stringify(partValue(a, p.key)) === JSON.stringify(partValue(b, p.key)));
}

/** What changed from one version to the next, one line per changed part; empty when nothing did. */
export function charterDiff(previous: CharterContent | null, next: CharterContent): string[] {
  const lines: string[] = [];
  for (const part of CHARTER_PARTS) {
    const before = previous ? partValue(previous, part.key) : part.kind === "list" ? [] : "";
    const after = partValue(next, part.key);
    if (Array.isArray(before) && Array.isArray(after)) {
      const added = after.filter((item) => !before.includes(item));
      const removed = before.filter((item) => !after.includes(item));
      const changes = [...added.map((i) => `+ ${i}`), ...removed.map((i) => `− ${i}`)];
      if (changes.length === 0 && before.join("\n") !== after.join("\n")) changes.push("reordered");
      if (changes.length) lines.push(`${part.label}: ${changes.join("; ")}`);
    } else if (before !== after) {
      lines.push(
        after === "" ? `${part.label}: cleared` : `${part.label}: ${before === "" ? "" : `"${String(before)}" → `}"${String(after)}"`,
      );
    }
  }
  return lines;
}
