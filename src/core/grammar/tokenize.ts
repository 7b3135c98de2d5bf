/**
 * Splits typed chat text into words. Quotes group words into one token so
 * titles can hold spaces and keywords ("Plan the due date review"). Phones
 * type typographic quotes, so “ ” ‘ ’ count too, and either closing shape
 * ends a group opened by any quote of the same family.
 */

export interface Token {
  text: string;
  /** True when the user quoted it: the binder then never reads it as a keyword. */
  quoted: boolean;
}

import { TOKEN_CLOSE, TOKEN_OPEN } from "../views/references.js";

const DOUBLE = new Set(['"', "\u201C", "\u201D", "\u201E"]);
const SINGLE = new Set(["'", "\u2018", "\u2019", "\u201A"]);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

function isQuote(ch: string): boolean {
  return DOUBLE.has(ch) || SINGLE.has(ch);
}

/** A reference token starting at `i` (a member name may hold spaces and quotes): its length, else 0. */
function referenceAt(chars: readonly string[], i: number): number {
  if (chars[i] !== TOKEN_OPEN) return 0;
  for (let j = i + 1; j < chars.length; j++) {
    if (chars[j] === TOKEN_CLOSE) return j - i + 1;
    if (chars[j] === TOKEN_OPEN) return 0;
  }
  return 0;
}

/**
 * Never throws. Rules:
 * - a quote opens a group only at the start of a word, so don't / bob's stay plain words;
 * - inside a single-quoted group, a single quote followed by a letter or digit is an
 *   apostrophe ('don't stop' is one token), otherwise it closes the group;
 * - inside quotes, a backslash before a quote or a backslash escapes it; other
 *   backslashes are kept (C:\temp);
 * - an unterminated quote takes the rest of the input, trailing spaces trimmed.
 */
export function tokenize(input: string): Token[] {
  const chars = Array.from(input);
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] ?? "";
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    if (isQuote(ch)) {
      const family = DOUBLE.has(ch) ? DOUBLE : SINGLE;
      let text = "";
      let closed = false;
      i++;
      while (i < chars.length) {
        const c = chars[i] ?? "";
        const next = chars[i + 1];
        const reference = referenceAt(chars, i);
        if (reference) {
          text += chars.slice(i, i + reference).join("");
          i += reference;
          continue;
        }
        if (c === "\\" && next !== undefined && (isQuote(next) || next === "\\")) {
          text += next;
          i += 2;
          continue;
        }
        if (family.has(c) && !(family === SINGLE && next !== undefined && WORD_CHAR.test(next))) {
          closed = true;
          i++;
          break;
        }
        text += c;
        i++;
      }
      tokens.push({ text: closed ? text : text.trimEnd(), quoted: true });
      continue;
    }
    let text = "";
    while (i < chars.length && !SPACE.test(chars[i] ?? "")) {
      const reference = referenceAt(chars, i) || 1;
      text += chars.slice(i, i + reference).join("");
      i += reference;
    }
    tokens.push({ text, quoted: false });
  }
  return tokens;
}

/**
 * argv words were already split by the shell, which also removed the quotes.
 * A word holding spaces (or an empty one) can only have come from quotes, so
 * it is marked quoted and keeps its keywords literal.
 */
export function tokensFromArgv(argv: readonly string[]): Token[] {
  return argv.map((text) => ({ text, quoted: text === "" || SPACE.test(text) }));
}
