/**
 * What Charter's card buttons carry back to it. Every button's data has one
 * "charter" key saying what to do: run a command (a reply's button), open a
 * command's form as a dialog, or submit that dialog. The dialog's inputs
 * arrive beside it, keyed by input id.
 */
import { z } from "zod";

export const ACTION_KEY = "charter";

const schema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("run"), command: z.string().min(1).max(2_000) }),
  z.object({
    action: z.literal("form"),
    command: z.string().min(1).max(200),
    project: z.string().max(200).optional(),
    /** Values already typed with the command, prefilled in the dialog. */
    values: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ action: z.literal("submit"), command: z.string().min(1).max(200), project: z.string().max(200).optional() }),
]);

export type CharterAction = z.infer<typeof schema>;

/** The Charter action in a submitted card's data (a message's `value`, or an invoke's `value.data`), if there is one. */
export function charterActionOf(data: unknown): CharterAction | null {
  if (typeof data !== "object" || data === null) return null;
  const parsed = schema.safeParse((data as Record<string, unknown>)[ACTION_KEY]);
  return parsed.success ? parsed.data : null;
}

export const runData = (command: string) => ({ [ACTION_KEY]: { action: "run", command } satisfies CharterAction });

/** `msteams.type: "task/fetch"` makes Teams ask the bot for a dialog instead of posting the data as a message. */
export const openFormData = (action: Extract<CharterAction, { action: "form" }>) => ({
  msteams: { type: "task/fetch" },
  [ACTION_KEY]: action,
});

export const submitData = (action: Extract<CharterAction, { action: "submit" }>) => ({ [ACTION_KEY]: action });
