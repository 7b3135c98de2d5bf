/**
 * zod field types for the words of the grammar. Each parses the raw word(s)
 * with the grammar's value parsers and reports failures in plain language, so
 * a typed command and a submitted form fail with the same message.
 */
import { z } from "zod";
import {
  parseAmount,
  parseChannel,
  parseCurrency,
  parseDate,
  parseDays,
  parseEstimate,
  parseMention,
  parseNumberWithUnit,
  parsePercent,
  parseRef,
  parseScale,
  type Parsed,
} from "../grammar/values.js";
import { parseTime } from "../domain/schedule/occurrences.js";
import { plainReferences } from "../views/references.js";
import { isValidZone } from "../domain/dates.js";

/** What parsing needs to know about where the command was typed. */
export interface ParseEnv {
  /** Today in the user's time zone (ISO date). */
  today: string;
  /** The project's currency, or the default for new projects. */
  currency: string;
}

export interface Money {
  minor: bigint;
  currency: string;
}

const word = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(" ") : v).trim());

/** Lifts a grammar parser into a zod transform that reports its message. */
function parsed<T>(parse: (text: string) => Parsed<T>) {
  return word.transform((text, ctx): T => {
    const result = parse(text);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

/** A list of words, each parsed on its own; the first bad one is reported. */
function each<T>(parse: (text: string) => Parsed<T>) {
  return z.array(z.string()).transform((words, ctx): T[] => {
    const out: T[] = [];
    for (const w of words) {
      const result = parse(w);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      out.push(result.value);
    }
    return out;
  });
}

/** The most people one command names. */
export const MAX_PEOPLE = 100;
/** The most #ids one command names. */
export const MAX_REFS = 100;

export const fields = {
  /**
   * Free text such as a title or a note; trimmed, never empty, bounded. A
   * platform mention inside it is kept as the words it showed (@bob), never
   * as a live mention: stored text pings no one when it is shown again.
   */
  text(label: string, max = 200) {
    return word
      .transform((v) => plainReferences(v).trim())
      .pipe(
        z
          .string()
          .min(1, { error: `The ${label} can't be empty.` })
          .max(max, { error: `The ${label} is too long (at most ${max} characters).` }),
      );
  },
  /** An amount with an optional currency code: "2500", "1.2k EUR". */
  money(env: ParseEnv) {
    return z.string().transform((v, ctx): Money => {
      const [amountText = "", currencyText] = v.trim().split(/\s+/);
      let currency = env.currency;
      if (currencyText !== undefined) {
        const cur = parseCurrency(currencyText);
        if (!cur.ok) {
          ctx.addIssue({ code: "custom", message: cur.message });
          return z.NEVER;
        }
        currency = cur.value;
      }
      const amount = parseAmount(amountText, currency);
      if (!amount.ok) {
        ctx.addIssue({ code: "custom", message: amount.message });
        return z.NEVER;
      }
      return { minor: amount.value, currency };
    });
  },
  date(env: ParseEnv) {
    return parsed((text) => parseDate(text, { today: env.today }));
  },
  mention() {
    return parsed(parseMention);
  },
  /** Several people: `@alice @bob`. Bounded, so a pasted roster is refused before anyone is looked up. */
  mentions(max = MAX_PEOPLE) {
    return z
      .array(z.string())
      .refine((words) => words.length <= max, {
        error: (issue) => `At most ${max} people at once (got ${(issue.input as string[]).length}).`,
      })
      .pipe(each(parseMention));
  },
  /** Several #ids: `task done #3 #4`. Bounded like people, so the answer about them stays short. */
  refs(max = MAX_REFS) {
    return z
      .array(z.string())
      .refine((words) => words.length <= max, {
        error: (issue) => `At most ${max} #ids at once (got ${(issue.input as string[]).length}).`,
      })
      .pipe(each(parseRef));
  },
  ref() {
    return parsed(parseRef);
  },
  percent() {
    return parsed(parsePercent);
  },
  estimate() {
    return parsed(parseEstimate);
  },
  days() {
    return parsed(parseDays);
  },
  /** p3 / i4 when typed; a form's 1-5 picker sends the bare digit. */
  scale(letter: "p" | "i") {
    return parsed((text) => parseScale(/^\d$/.test(text) ? letter + text : text, letter));
  },
  numberWithUnit() {
    return parsed(parseNumberWithUnit);
  },
  /** "09:00", "9:30" -> "HH:mm". */
  timeOfDay() {
    return parsed((text): Parsed<string> => {
      const t = parseTime(text);
      return t
        ? { ok: true, value: `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}` }
        : { ok: false, message: `\`${text}\` is not a time of day. Write it like 09:00 or 16:30.` };
    });
  },
  /** An IANA zone name such as Europe/Berlin. */
  timeZone() {
    return parsed(
      (text): Parsed<string> =>
        isValidZone(text)
          ? { ok: true, value: text }
          : { ok: false, message: `\`${text}\` is not a time zone. Use an IANA name like Europe/Berlin or America/New_York.` },
    );
  },
  /** A channel: Slack's `<#C123|general>`, `#general` or a bare id. */
  channel() {
    return parsed(parseChannel);
  },
  /** A channel, or one of a few words standing for one (here, default). */
  channelOr<const W extends readonly string[]>(words: W) {
    return parsed((text): Parsed<string> => {
      const w = text.toLowerCase();
      return (words as readonly string[]).includes(w) ? { ok: true, value: w } : parseChannel(text);
    });
  },
  choice<const T extends readonly [string, ...string[]]>(options: T, label: string) {
    return word.transform((text, ctx): T[number] => {
      const value = text.toLowerCase();
      if ((options as readonly string[]).includes(value)) return value as T[number];
      ctx.addIssue({ code: "custom", message: `\`${text}\` is not a ${label}. Use one of: ${options.join(", ")}.` });
      return z.NEVER;
    });
  },
};
