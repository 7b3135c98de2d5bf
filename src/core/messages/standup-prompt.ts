/** The standup check-in message, shared by the scheduler and `standup now`. */
import type { DateTime } from "luxon";
import { inProject } from "../grammar/quote.js";
import { actions, contextLine, heading, list, reply, text, type Reply } from "../views/reply.js";

export const DEFAULT_QUESTIONS = ["What did you do yesterday?", "What will you do today?", "Anything blocking you?"] as const;

/** A schedule's questions: its own three (yesterday, today, blockers in that order), else the defaults. */
export const standupQuestions = (questions: readonly string[]): readonly string[] => (questions.length ? questions : DEFAULT_QUESTIONS);

/**
 * The words that open the answer form. They name the project, because the
 * prompt usually arrives by DM, where no project is linked.
 */
export const answerCommand = (projectName: string): string => `standup answer ${inProject(projectName)}`;

export function standupPrompt(projectName: string, localDate: string, questions: readonly string[]): Reply {
  const command = answerCommand(projectName);
  return reply(
    `Standup for ${projectName} (${localDate})`,
    [
      heading(`Standup — ${projectName}, ${localDate}`),
      list([...standupQuestions(questions)]),
      actions([{ label: "Answer", command, style: "primary" }]),
      contextLine(`Or type \`${command} yesterday "..." today "..." blockers "..."\` (\`blockers none\` when nothing blocks you).`),
    ],
    "channel",
  );
}

/** The nudge before the answer window closes, to someone who has not answered. */
export function standupReminder(projectName: string, localDate: string, closes: DateTime, timeZone: string): Reply {
  const local = closes.setZone(timeZone);
  // Name the day too when the close falls on another calendar day where the person is.
  const when = `${local.toISODate() === localDate ? local.toFormat("HH:mm") : local.toFormat("ccc HH:mm")} (${timeZone})`;
  return reply(`Your standup for ${projectName} closes at ${when}`, [
    text(`Reminder: the ${localDate} standup for *${projectName}* closes at ${when}, and you haven't answered yet.`),
    actions([{ label: "Answer", command: answerCommand(projectName), style: "primary" }]),
    contextLine(`Or type \`${answerCommand(projectName)} yesterday "..." today "..." blockers "..."\`.`),
  ]);
}

/** The outbox dedupe key of a prompt: one per schedule, recipient and local date. */
export const promptDedupeKey = (scheduleId: string, recipient: string, localDate: string): string =>
  `standup-prompt:${scheduleId}:${recipient}:${localDate}`;
