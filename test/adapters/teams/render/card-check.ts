/**
 * Whether a card is one Teams takes: at most 28 KB of JSON, and valid
 * Adaptive Card 1.5 as the official Adaptive Cards library (the `adaptivecards`
 * package) reads it. The library reports unknown element types, invalid
 * property values and rule violations (duplicate input ids, inputs without
 * ids...), and silently drops any property it does not know for the card's
 * version, so a card must also come back from parse -> toJSON unchanged.
 *
 * One Teams extension is allowed: the people picker, an Input.ChoiceSet whose
 * choices come from `"choices.data": { type: "Data.Query", dataset:
 * "graph.microsoft.com/users" }` (Adaptive Cards 1.6 syntax, which Teams
 * honours in 1.5 cards). It is checked on its own against 1.6 and replaced by
 * a static choice set for the 1.5 check.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// The package's "main" is an ES module build that Node cannot load; its UMD bundle is the same library.
const AC = require("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

export const CARD_BUDGET_BYTES = 28_000;

const PEOPLE_PICKER = { type: "Data.Query", dataset: "graph.microsoft.com/users" };

/** JSON with keys sorted, for comparing regardless of property order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The path of the first place two JSON values differ, with both sides, or null when they are the same. */
function firstDifference(a: unknown, b: unknown, path = "card"): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: sent ${JSON.stringify(a)?.slice(0, 300)}, read back ${JSON.stringify(b)?.slice(0, 300)}`;
}

function libraryProblems(card: Record<string, unknown>, allowed: readonly string[] = []): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    if (!allowed.includes(event.message)) problems.push(`validate: ${event.message}`);
  const back = parsed.toJSON() as Record<string, unknown> | undefined;
  const changed = firstDifference(card, back);
  if (changed) problems.push(`changed by a parse/serialize round trip at ${changed}`);
  return problems;
}

/** A card that carries a chart inline may be this big: most of the ~100 KB a Bot Connector message takes. */
export const IMAGE_CARD_BUDGET_BYTES = 80_000;

export function cardProblems(card: unknown, { budgetBytes = CARD_BUDGET_BYTES }: { budgetBytes?: number } = {}): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(card), "utf8");
  if (bytes > budgetBytes) problems.push(`card is ${bytes} bytes, over the ${budgetBytes}-byte budget`);
  const c = card as Record<string, unknown>;
  if (c.type !== "AdaptiveCard" || c.version !== "1.5")
    problems.push(`not an Adaptive Card 1.5 (type ${String(c.type)}, version ${String(c.version)})`);

  const copy = JSON.parse(JSON.stringify(card)) as Record<string, unknown>;
  const pickers: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o.type === "Input.ChoiceSet" && "choices.data" in o) {
      if (canonical(o["choices.data"]) !== canonical(PEOPLE_PICKER))
        problems.push(`unexpected choices.data ${canonical(o["choices.data"])}`);
      if (canonical(o.choices) !== "[]") problems.push("a people picker has static choices too");
      pickers.push(JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
      delete o["choices.data"];
      o.choices = [{ title: "Someone", value: "someone" }];
    }
    Object.values(o).forEach(walk);
  };
  walk(copy);
  problems.push(...libraryProblems(copy));
  for (const picker of pickers) {
    // The library leaves out an empty static list when it writes the card back.
    const { choices: _none, ...rest } = picker;
    problems.push(
      ...libraryProblems({ type: "AdaptiveCard", $schema: c.$schema, version: "1.6", body: [rest] }, [
        "An Input.ChoiceSet must have at least one choice defined.",
      ]).map((p) => `people picker: ${p}`),
    );
  }
  return problems;
}
