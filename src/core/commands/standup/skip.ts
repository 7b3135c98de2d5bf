import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { rejection, reply, text } from "../../views/reply.js";
import { NO_STANDUP, standupFor } from "../../lookups/standup.js";

export default projectCommand({
  path: ["standup", "skip"],
  summary: "Skip your standup check-ins through a date (vacation); today when no date is given",
  examples: ["standup skip", "standup skip until 2026-04-10", "standup skip until fri"],
  params: [{ at: "keyword", name: "until", keywords: ["until"], type: "date", label: "date" }],
  notes: ["The date is included: `standup skip until fri` means you are asked again after Friday."],
  input: (env) => z.object({ until: fields.date(env).optional() }),
  async run(ctx, input) {
    const schedule = await standupFor(ctx);
    if (!schedule) return rejection(NO_STANDUP);
    const until = input.until ?? ctx.env.today;
    if (until < ctx.env.today) return rejection(`${until} is in the past; give today or a later date.`);
    if (!schedule.participants.includes(ctx.user.id)) {
      return rejection(
        "You are not a participant of this standup, so there is nothing to skip. Participants are set with `standup setup participants @a @b`.",
      );
    }
    await ctx.store.standups.skip(ctx.scope, schedule.id, ctx.user.id, until);
    const message =
      until === ctx.env.today ? "You won't be asked for today's standup." : `You won't be asked for standups through ${until}.`;
    return reply(message, [text(message)]);
  },
});
