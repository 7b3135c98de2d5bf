import { z } from "zod";
import { projectCommand, type ProjectCommandContext } from "../define.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";
import { WEEKDAYS } from "../../store.js";
import { fields } from "../fields.js";
import { isValidZone } from "../../domain/dates.js";
import { digestRule, nextOccurrence } from "../../domain/schedule/digest-rule.js";
import { platformOf } from "../../lookups/standup.js";

const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** fri, friday (any case). */
const day = z.string().transform((value, ctx) => {
  const v = value.trim().toLowerCase();
  const i = DAY_NAMES.findIndex((name, n) => v === name || v === WEEKDAYS[n]);
  if (i >= 0) return WEEKDAYS[i]!;
  ctx.addIssue({ code: "custom", message: `\`${value}\` is not a day of the week. Write it like fri or friday.` });
  return z.NEVER;
});

export default projectCommand({
  path: ["report", "schedule"],
  permission: "manager",
  permissionAction: "schedule its weekly report",
  summary: "Post the weekly status report to this channel and DM it to the stakeholders on a schedule, or stop it with `off`",
  examples: ["report schedule", "report schedule day fri at 16:00 tz Europe/Berlin", "report schedule off"],
  params: [
    { at: "keyword", name: "day", keywords: ["day"], type: "text", label: "day", placeholder: "fri" },
    { at: "keyword", name: "at", keywords: ["at"], type: "text", label: "time", placeholder: "16:00" },
    { at: "keyword", name: "tz", keywords: ["tz"], type: "text", label: "time zone", placeholder: "<Zone>" },
    { at: "flag", name: "off", label: "off", words: ["off"], form: false },
  ],
  notes: [
    "Defaults: Friday at 16:00 in your time zone (UTC when you have none), in this channel.",
    "Running it again changes this channel's schedule; `report schedule off` stops it.",
  ],
  input: () =>
    z.object({
      day: day.optional(),
      at: fields.timeOfDay().optional(),
      tz: fields.timeZone().optional(),
      off: z.literal("off").optional(),
    }),
  async run(ctx, input) {
    if (input.off) {
      if (input.day || input.at || input.tz)
        return rejection("`report schedule off` takes nothing else: it stops the weekly report. Leave out day, at and tz.");
      return unschedule(ctx);
    }
    const { project } = ctx;
    const schedule = await ctx.store.reportSchedules.setup(ctx.scope, project.id, ctx.channel.id, {
      platform: platformOf(ctx.channel),
      day: input.day ?? "fri",
      time: input.at ?? "16:00",
      timeZone: input.tz ?? (isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : "UTC"),
    });
    const when = `every ${schedule.day} at ${schedule.time} ${schedule.timeZone}`;
    const next = nextOccurrence(digestRule(schedule), ctx.now());
    const blocks = [
      text(`Weekly status report for ${project.name} scheduled ${when}: posted here and sent to each stakeholder by direct message.`),
    ];
    if (next)
      blocks.push(contextLine(`Next: ${next.at.setZone(schedule.timeZone).toFormat("ccc d LLL yyyy HH:mm")} ${schedule.timeZone}.`));
    return reply(`Weekly report scheduled ${when}`, blocks, "channel");
  },
});

/** This channel's schedule, else the project's only one (as for standups). */
async function unschedule(ctx: ProjectCommandContext) {
  const here = await ctx.store.reportSchedules.forChannel(ctx.tenant, ctx.project.id, ctx.channel.id);
  const all = await ctx.store.reportSchedules.list(ctx.tenant, ctx.project.id);
  const schedule = here?.active ? here : all.length === 1 ? all[0]! : null;
  if (!schedule) {
    // Nothing scheduled is what was asked for, so this is an answer, not an error.
    const message = here
      ? "The weekly report of this channel is already off."
      : "No weekly report is scheduled for this channel, so there is nothing to stop.";
    return reply(message, [text(message), contextLine("Schedule one with `report schedule`.")]);
  }
  await ctx.store.reportSchedules.stop(ctx.scope, schedule.id);
  const message = `Weekly status report for ${ctx.project.name} stopped: it is no longer posted or sent to stakeholders.`;
  return reply(message, [text(message), contextLine("`report schedule` starts it again.")], "channel");
}
