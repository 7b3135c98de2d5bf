import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { rejection, reply, text } from "../../views/reply.js";
import { isValidZone } from "../../domain/schedule/prompt-targets.js";
import { NO_STANDUP, standupFor } from "./find.js";

export default projectCommand({
  path: ["standup", "answer"],
  summary: "Answer today's standup: yesterday, today and blockers",
  examples: ['standup answer yesterday "Login form" today "Password reset" blockers none', "standup answer blockers Waiting for the staging database"],
  params: [
    { at: "keyword", name: "yesterday", keywords: ["yesterday"], type: "text", label: "what you did" },
    { at: "keyword", name: "today", keywords: ["today"], type: "text", label: "what you will do" },
    { at: "keyword", name: "blockers", keywords: ["blockers"], type: "text", label: "blockers" },
  ],
  notes: ["Answer again to change a part: only the parts you give are replaced. `blockers none` says there are none."],
  input: () =>
    z.object({
      yesterday: fields.text("answer", 1000).optional(),
      today: fields.text("answer", 1000).optional(),
      blockers: fields.text("blockers", 1000).optional(),
    }),
  async run(ctx, input) {
    const schedule = await standupFor(ctx);
    if (!schedule) return rejection(NO_STANDUP);
    if (input.yesterday === undefined && input.today === undefined && input.blockers === undefined) {
      return rejection('Say what you did, will do or what blocks you, e.g. `standup answer yesterday "Login form" today "Password reset" blockers none`.');
    }
    if (schedule.participants.length && !schedule.participants.includes(ctx.user.id)) {
      return rejection("You are not a participant of this standup. Participants are set with `standup setup participants @a @b`.");
    }
    // The day the answer belongs to is the one the participant was asked on, by their clock.
    const zone = schedule.perParticipantZones && isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : schedule.timeZone;
    const slot = ctx.now().setZone(zone).toISODate()!;
    const blockers = input.blockers === undefined ? undefined : /^(none|no|nothing|-)$/i.test(input.blockers) ? null : input.blockers;
    await ctx.store.standups.answer(ctx.scope, schedule.id, slot, {
      ...(input.yesterday !== undefined ? { yesterday: input.yesterday } : {}),
      ...(input.today !== undefined ? { today: input.today } : {}),
      ...(blockers !== undefined ? { blockers } : {}),
    });
    return reply(`Standup answer saved for ${slot}`, [text(`Thanks, your standup answer for ${slot} is saved.`)]);
  },
});
