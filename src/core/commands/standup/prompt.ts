/** The standup check-in message, shared by the scheduler and `standup now`. */
import { contextLine, heading, list, reply, type Reply } from "../../views/reply.js";

export const DEFAULT_QUESTIONS = ["What did you do yesterday?", "What will you do today?", "Anything blocking you?"] as const;

export function standupPrompt(projectName: string, localDate: string, questions: readonly string[]): Reply {
  const asked = questions.length ? questions : DEFAULT_QUESTIONS;
  return reply(
    `Standup for ${projectName} (${localDate})`,
    [
      heading(`Standup — ${projectName}, ${localDate}`),
      list([...asked]),
      contextLine("Answer with `standup answer yesterday \"...\" today \"...\" blockers \"...\"` (`blockers none` when nothing blocks you)."),
    ],
    "channel",
  );
}

/** The outbox dedupe key of a prompt: one per schedule, recipient and local date. */
export const promptDedupeKey = (scheduleId: string, recipient: string, localDate: string): string =>
  `standup-prompt:${scheduleId}:${recipient}:${localDate}`;
