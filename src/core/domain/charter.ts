/**
 * The project charter's content, as each CharterVersion stores it (JSON):
 * objectives, scope in/out, deliverables, milestones, roles, communication.
 * Only the scope is typed here, because approved change requests extend it;
 * every other part is carried over untouched from version to version.
 */

export interface CharterScope {
  /** What the project delivers, one item per entry. */
  in: string[];
  /** What it explicitly does not. */
  out: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A scope list as stored: a list stays a list; a single text becomes its only item. */
function items(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  if (typeof value === "string" && value.trim() !== "") return [value];
  return [];
}

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
  const strings = (value: unknown) => items(value).filter((v): v is string => typeof v === "string");
  return { in: strings(scope.in), out: strings(scope.out) };
}
