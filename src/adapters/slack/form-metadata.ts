/**
 * What a modal carries from the command that opened it to its submission:
 * the command words, the project it was opened for and the channel to answer in. Kept tiny: Slack allows
 * 3,000 characters of private_metadata.
 */
import { z } from "zod";

const schema = z.object({
  command: z.string().max(200),
  channelId: z.string().max(100).optional(),
  project: z.string().max(200).optional(),
});
export type FormMetadata = z.infer<typeof schema>;

export const encodeFormMetadata = (meta: FormMetadata): string => JSON.stringify(meta);

export function decodeFormMetadata(raw: string | undefined): FormMetadata | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
