import { z } from "zod";
import { projectCommand } from "../define.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { WEEKDAYS } from "../../store.js";
import { parseTime } from "../../../scheduler/occurrences.js";
import { isValidZone } from "../../../scheduler/targets.js";
import { digestRule, nextOccurrence } from "../../../scheduler/digest-rule.js";
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

const time = z.string().transform((value, ctx) => {
  const parsed = parseTime(value);
  if (parsed) return `${String(parsed.hour).padStart(2, "0")}:${String(parsed.minute).padStart(2, "0")}`;
  ctx.addIssue({ code: "custom", message: `\`${value}\` is not a time of day. Write it like 16:00 or 9:30.` });
  return z.NEVER;
});

const zone = z.string().transform((value, ctx) => {
  const name = value.trim();
  if (isValidZone(name)) return name;
  ctx.addIssue({ code: "custom", message: `\`${name}\` is not a time zone. Use an IANA name like Europe/Berlin or America/New_York.` });
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
  input: () => z.object({ day: day.optional(), at: time.optional(), tz: zone.optional() }),
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
