/** The answer settings of `standup setup`: questions, answer window and reminder, parsed and shown. */
import { z } from "zod";
import { DEFAULT_QUESTIONS } from "../messages/standup-prompt.js";

export const MIN_WINDOW_MINUTES = 15;
export const MAX_WINDOW_MINUTES = 12 * 60;
const MAX_QUESTION = 200;

const QUESTIONS_EXAMPLE = '`questions "What did you finish? | What is next? | Anything in your way?"`';

/**
 * `"<yesterday> | <today> | <blockers>"`: exactly three, in that order,
 * because answers are stored per position. `default` gives [] (the standard ones).
 */
export const questions = z.string().transform((value, ctx): string[] => {
  if (value.trim().toLowerCase() === "default") return [];
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message: `${message} ${QUESTIONS_EXAMPLE}, or \`questions default\` for the standard ones.` });
    return z.NEVER;
  };
  const asked = value.split("|").map((q) => q.trim());
  if (asked.length !== 3) {
    return fail(
      `Give exactly three questions separated by |, in the order yesterday | today | blockers (got ${asked.length}). For example`,
    );
  }
  const empty = asked.findIndex((q) => !q);
  if (empty >= 0) return fail(`Question ${empty + 1} is empty. For example`);
  const long = asked.findIndex((q) => q.length > MAX_QUESTION);
  if (long >= 0) return fail(`Question ${long + 1} is too long (at most ${MAX_QUESTION} characters). For example`);
  return asked;
});

/** `90m`, `2h`, `1h30m` (spaces allowed) -> minutes; null when unreadable. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d{1,3})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?$/i.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

export const answerWindow = z.string().transform((value, ctx): number => {
  const minutes = parseDuration(value);
  if (minutes === null) {
    ctx.addIssue({ code: "custom", message: `\`${value}\` is not a length of time. Write the answer window like 90m, 2h or 1h30m.` });
    return z.NEVER;
  }
  if (minutes < MIN_WINDOW_MINUTES || minutes > MAX_WINDOW_MINUTES) {
    ctx.addIssue({
      code: "custom",
      message: `The answer window must be between 15 minutes and 12 hours; \`${value}\` is ${formatDuration(minutes)}.`,
    });
    return z.NEVER;
  }
  return minutes;
});

export const reminder = z.string().transform((value, ctx): boolean => {
  const v = value.trim().toLowerCase();
  if (v === "on" || v === "off") return v === "on";
  ctx.addIssue({ code: "custom", message: `\`${value}\` is not a reminder setting. Write \`reminder on\` or \`reminder off\`.` });
  return z.NEVER;
});

/** 90 -> "1 h 30 min", 120 -> "2 h", 45 -> "45 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : "", m || !h ? `${m} min` : ""].filter(Boolean).join(" ");
}

/** The questions a schedule asks: its own, else the standard ones. */
export const questionsOf = (asked: readonly string[]): readonly string[] => (asked.length ? asked : DEFAULT_QUESTIONS);
