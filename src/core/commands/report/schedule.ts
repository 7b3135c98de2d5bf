import { z } from "zod";
import { projectCommand } from "../define.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { WEEKDAYS } from "../../store.js";
import { fields } from "../fields.js";
import { isValidZone } from "../../domain/schedule/prompt-targets.js";
import { digestRule, nextOccurrence } from "../../domain/schedule/digest-rule.js";
import { platformOf } from "../standup/find.js";

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
  summary: "Post the weekly status report to this channel and DM it to the stakeholders on a schedule",
  examples: ["report schedule", "report schedule day fri at 16:00 tz Europe/Berlin"],
  params: [
    { at: "keyword", name: "day", keywords: ["day"], type: "text", label: "day", placeholder: "fri" },
    { at: "keyword", name: "at", keywords: ["at"], type: "text", label: "time", placeholder: "16:00" },
    { at: "keyword", name: "tz", keywords: ["tz"], type: "text", label: "time zone", placeholder: "<Zone>" },
  ],
  notes: [
    "Defaults: Friday at 16:00 in your time zone (UTC when you have none), in this channel.",
    "Running it again changes this channel's schedule.",
  ],
  input: () => z.object({ day: day.optional(), at: fields.timeOfDay().optional(), tz: fields.timeZone().optional() }),
  async run(ctx, input) {
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
    if (next) blocks.push(contextLine(`Next: ${next.at.setZone(schedule.timeZone).toFormat("ccc d LLL yyyy HH:mm")} ${schedule.timeZone}.`));
    return reply(`Weekly report scheduled ${when}`, blocks, "channel");
  },
});
