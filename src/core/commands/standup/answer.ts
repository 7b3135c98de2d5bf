import { z } from "zod";
import { projectCommand, type ProjectCommandContext } from "../define.js";
import { fields } from "../fields.js";
import { formFor } from "../form.js";
import { rejection, reply, text } from "../../views/reply.js";
import type { Form } from "../../views/form.js";
import type { StandupSchedule } from "../../store.js";
import { isValidZone } from "../../domain/dates.js";
import { NO_STANDUP, standupFor } from "../../lookups/standup.js";
import { standupQuestions } from "../../messages/standup-prompt.js";

const command = projectCommand({
  path: ["standup", "answer"],
  summary: "Answer today's standup: yesterday, today and blockers",
  examples: [
    'standup answer yesterday "Login form" today "Password reset" blockers none',
    "standup answer blockers Waiting for the staging database",
  ],
  params: [
    { at: "keyword", name: "yesterday", keywords: ["yesterday"], type: "text", label: "what you did", form: "longtext" },
    { at: "keyword", name: "today", keywords: ["today"], type: "text", label: "what you will do", form: "longtext" },
    { at: "keyword", name: "blockers", keywords: ["blockers"], type: "text", label: "blockers", form: "longtext" },
  ],
  notes: ["Answer again to change a part: only the parts you give are replaced. `blockers none` says there are none."],
  formTitle: "Today's standup",
  input: () =>
    z.object({
      yesterday: fields.text("answer", 1000).optional(),
      today: fields.text("answer", 1000).optional(),
      blockers: fields.text("blockers", 1000).optional(),
    }),
  async run(ctx, input) {
    const schedule = await standupFor(ctx);
    if (!schedule) return rejection(NO_STANDUP);
    if (schedule.participants.length && !schedule.participants.includes(ctx.user.id)) {
      return rejection("You are not a participant of this standup. Participants are set with `standup setup participants @a @b`.");
    }
    // The day the answer belongs to is the one the participant was asked on, by their clock.
    const zone = schedule.perParticipantZones && isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : schedule.timeZone;
    const slot = ctx.now().setZone(zone).toISODate()!;
    if (input.yesterday === undefined && input.today === undefined && input.blockers === undefined) {
      // Chat platforms open the form (the prompt's Answer button lands here); the shell shows the message.
      const message =
        'Say what you did, will do or what blocks you, e.g. `standup answer yesterday "Login form" today "Password reset" blockers none`.';
      return rejection(message, [text(message)], await answerForm(ctx, schedule, slot));
    }
    const blockers = input.blockers === undefined ? undefined : /^(none|no|nothing|-)$/i.test(input.blockers) ? null : input.blockers;
    await ctx.store.standups.answer(ctx.scope, schedule.id, slot, {
      ...(input.yesterday !== undefined ? { yesterday: input.yesterday } : {}),
      ...(input.today !== undefined ? { today: input.today } : {}),
      ...(blockers !== undefined ? { blockers } : {}),
    });
    return reply(`Standup answer saved for ${slot}`, [text(`Thanks, your standup answer for ${slot} is saved.`)]);
  },
});

export default command;

/**
 * The three answers as a form, labelled with the schedule's own questions
 * (positionally yesterday, today, blockers) and filled with today's answer
 * if there is one. It names the project, so a form opened from a DM is
 * submitted for the right one.
 */
async function answerForm(ctx: ProjectCommandContext, schedule: StandupSchedule, slot: string): Promise<Form> {
  const mine = (await ctx.store.standups.answers(ctx.tenant, schedule.id, slot)).find((a) => a.memberId === ctx.user.id);
  const initial = Object.fromEntries(
    Object.entries({ yesterday: mine?.yesterday, today: mine?.today, blockers: mine?.blockers }).filter(
      (e): e is [string, string] => !!e[1],
    ),
  );
  const form = formFor(command, initial);
  const questions = standupQuestions(schedule.questions);
  return { ...form, project: ctx.project.name, fields: form.fields.map((field, i) => ({ ...field, label: questions[i] ?? field.label })) };
}
