/**
 * The words a command accepts, declared once. The binder turns typed words
 * into raw field values by these declarations; usage lines, help and forms
 * are generated from the same list, so they never drift apart.
 */
import { echo } from "../grammar/echo.js";
import type { Token } from "../grammar/tokenize.js";
import type { FormFieldKind } from "../views/form.js";
import { isCurrencyCode, looksLikeAmount, looksLikeDate, looksLikeMention, looksLikePercent, looksLikeRef } from "../grammar/values.js";

/** What a single value looks like; decides how many words it takes and how a free word is recognised. */
export type ValueType =
  | "text" // one word (or one quoted phrase)
  | "money" // an amount, optionally followed by a currency code
  | "date"
  | "mention"
  | "ref" // #12
  | "percent"
  | "estimate" // 4h, 2d
  | "number" // a number, optionally with a unit: 95%, 200ms
  | "scale-p" // p1..p5
  | "scale-i" // i1..i5
  | "days"; // +5d

interface ParamCommon {
  /** Field name in the command's input and in its form. */
  name: string;
  /** Shown in usage (<label>) and as the form field label. */
  label: string;
  required?: boolean;
  /** Overrides the form field kind derived from the type. */
  form?: FormFieldKind | false;
  options?: readonly string[];
  hint?: string;
  /** How usage lines write the value when <label> would not say it: `p<1-5>`. */
  placeholder?: string;
}

/** Positional: taken in declaration order; an optional slot is only taken by a word that looks like its type. */
export interface SlotParam extends ParamCommon {
  at: "slot";
  type: ValueType;
}
/** Introduced by a keyword: `due fri`, `owner @bob`. Several keywords may share one param (`labour 5000`). */
export interface KeywordParam extends ParamCommon {
  at: "keyword";
  keywords: readonly string[];
  type: ValueType;
  /** Collect every occurrence as [keyword, value] pairs instead of one value. */
  multiple?: boolean;
}
/** A bare word from a fixed set: `higher|lower`, `mine|open|overdue`. */
export interface FlagParam extends ParamCommon {
  at: "flag";
  words: readonly string[];
}
/** Recognised anywhere by its shape: @mentions, #ids, p3/i4, dates. */
export interface TypedParam extends ParamCommon {
  at: "typed";
  type: Exclude<ValueType, "text">;
  multiple?: boolean;
}
/** The free words that are nothing else: a title or a note. */
export interface RestParam extends ParamCommon {
  at: "rest";
}

export type Param = SlotParam | KeywordParam | FlagParam | TypedParam | RestParam;

export type RawValue = string | string[] | [string, string][];
export type RawInput = Record<string, RawValue>;

export type BindResult = { ok: true; raw: RawInput } | { ok: false; message: string; field?: string };

const RECOGNISERS: Record<ValueType, (word: string) => boolean> = {
  text: () => true,
  money: looksLikeAmount,
  date: looksLikeDate,
  mention: looksLikeMention,
  ref: looksLikeRef,
  percent: looksLikePercent,
  estimate: (w) => /^\d+(\.\d+)?\s*[hdm]$/i.test(w),
  number: (w) => /^[+-]?\d[\d,]*(\.\d+)?\s*[%a-z]*$/i.test(w),
  "scale-p": (w) => /^p\d$/i.test(w),
  "scale-i": (w) => /^i\d$/i.test(w),
  days: (w) => /^[+]?\d+d?$/i.test(w),
};

export function recognises(type: ValueType, word: string): boolean {
  return RECOGNISERS[type](word);
}

/** How a value of a type is written in usage lines. */
export function placeholder(p: Param): string {
  if (p.at === "flag") return p.words.join("|");
  const inner = p.placeholder ?? `<${p.label}>`;
  if (p.at === "keyword") return p.keywords.length > 1 ? `<${p.keywords.join("|")}> <amount>` : `${p.keywords[0]} ${inner}`;
  if (p.at === "rest") return `"${inner}"`;
  if ((p.at === "slot" || p.at === "typed") && p.type === "money") return `<${p.label}> [<CUR>]`;
  return inner;
}

/** One usage line: `cost add <amount> [<CUR>] <category> ["<note>"] [on <date>]`. */
export function usageOf(path: readonly string[], params: readonly Param[]): string {
  const parts = params.map((p) => {
    const text = placeholder(p);
    const repeated = (p.at === "keyword" || p.at === "typed") && p.multiple ? " ..." : "";
    return p.required ? text + repeated : `[${text}${repeated}]`;
  });
  return [...path, ...parts].join(" ");
}

function isKeywordFor(p: Param, word: string): boolean {
  return p.at === "keyword" && p.keywords.includes(word);
}

/** Whether an unquoted word starts something else: a keyword, a flag or a shaped value of another param. */
function startsOther(params: readonly Param[], token: Token): boolean {
  if (token.quoted) return false;
  const word = token.text.toLowerCase();
  return params.some(
    (p) => isKeywordFor(p, word) || (p.at === "flag" && p.words.includes(word)) || (p.at === "typed" && recognises(p.type, token.text)),
  );
}

/**
 * Words a value of this type takes after its keyword: money may carry a
 * currency; text runs up to the next keyword, flag or shaped word, so
 * `mitigation Add a second vendor review fri` reads as people mean it.
 */
function takeValue(
  type: ValueType,
  tokens: readonly Token[],
  i: number,
  params: readonly Param[] = [],
): { value: string; next: number } | null {
  const first = tokens[i];
  if (!first) return null;
  if (type === "text" && !first.quoted && params.length > 0) {
    let end = i + 1;
    while (end < tokens.length && !tokens[end]!.quoted && !startsOther(params, tokens[end]!)) end++;
    return {
      value: tokens
        .slice(i, end)
        .map((t) => t.text)
        .join(" "),
      next: end,
    };
  }
  if (type === "money") {
    const cur = tokens[i + 1];
    if (cur && !cur.quoted && isCurrencyCode(cur.text)) return { value: `${first.text} ${cur.text}`, next: i + 2 };
  }
  return { value: first.text, next: i + 1 };
}

/**
 * Binds words to params. Keywords and shaped words are recognised anywhere;
 * slots are filled in order; what is left forms the rest (title or note).
 * Quoted words are always literal: never keywords, never shapes.
 */
export function bindWords(params: readonly Param[], tokens: readonly Token[]): BindResult {
  const raw: RawInput = {};
  const rest: string[] = [];
  const slots = params.filter((p): p is SlotParam => p.at === "slot");
  const restParam = params.find((p): p is RestParam => p.at === "rest");
  let slotIndex = 0;
  let i = 0;

  while (i < tokens.length) {
    const token = tokens[i]!;
    const word = token.text.toLowerCase();

    if (!token.quoted) {
      const keyword = params.find((p) => isKeywordFor(p, word)) as KeywordParam | undefined;
      if (keyword) {
        const taken = takeValue(keyword.type, tokens, i + 1, params);
        if (!taken) return { ok: false, field: keyword.name, message: `\`${echo(word)}\` needs a ${keyword.label} after it.` };
        if (keyword.multiple) {
          const pairs = (raw[keyword.name] as [string, string][] | undefined) ?? [];
          pairs.push([word, taken.value]);
          raw[keyword.name] = pairs;
        } else if (keyword.keywords.length > 1) {
          raw[keyword.name] = [[word, taken.value]];
        } else {
          raw[keyword.name] = taken.value;
        }
        i = taken.next;
        continue;
      }
      const flag = params.find((p) => p.at === "flag" && p.words.includes(word));
      if (flag && raw[flag.name] === undefined) {
        raw[flag.name] = word;
        i++;
        continue;
      }
      // A bare number is taken as the #id where a command has nothing else to do with it (`task done 3`).
      const bareRef = !restParam && /^\d+$/.test(token.text);
      const typed = params.find(
        (p): p is TypedParam =>
          p.at === "typed" &&
          (p.multiple || raw[p.name] === undefined) &&
          (recognises(p.type, token.text) || (bareRef && p.type === "ref")),
      );
      if (typed) {
        if (typed.multiple) raw[typed.name] = [...((raw[typed.name] as string[] | undefined) ?? []), token.text];
        else raw[typed.name] = token.text;
        i++;
        continue;
      }
    }

    // Skip optional slots this word does not fit, then fill the next one.
    while (slotIndex < slots.length) {
      const slot = slots[slotIndex]!;
      if (slot.required || (!token.quoted && recognises(slot.type, token.text))) break;
      slotIndex++;
    }
    const slot = slots[slotIndex];
    if (slot && rest.length === 0) {
      const taken = takeValue(slot.type, tokens, i)!;
      raw[slot.name] = taken.value;
      slotIndex++;
      i = taken.next;
      continue;
    }

    if (!restParam) return { ok: false, message: `I didn't understand \`${echo(token.text)}\` here.` };
    rest.push(token.text);
    i++;
  }

  if (restParam && rest.length > 0) raw[restParam.name] = rest.join(" ");
  return { ok: true, raw };
}

/** Form field values (name -> text) arrive as raw input too; a money field may hold "2500 USD". */
export function rawFromForm(params: readonly Param[], values: Record<string, string>): RawInput {
  const raw: RawInput = {};
  for (const p of params) {
    const value = values[p.name]?.trim();
    if (!value) continue;
    if (p.at === "typed" && p.multiple) raw[p.name] = value.split(/[\s,]+/).filter(Boolean);
    else if (p.at === "keyword" && p.keywords.length > 1) raw[p.name] = [[p.keywords[0]!, value]];
    else raw[p.name] = value;
  }
  return raw;
}
