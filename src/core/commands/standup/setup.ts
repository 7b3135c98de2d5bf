import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, joinWords, memberFor } from "../shared.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { formatDays, parseDays } from "../../domain/schedule/occurrences.js";
import { isValidZone } from "../../domain/schedule/prompt-targets.js";
import { platformOf } from "./find.js";

const days = z.string().transform((value, ctx) => {
  const parsed = parseDays(value.replace(/\s+/g, ""));
  if (parsed) return parsed;
  ctx.addIssue({ code: "custom", message: `\`${value}\` is not a set of days. Write them like mon-fri or mon,wed,fri.` });
  return z.NEVER;
});



/** `<#C123|general>` (Slack), `#general` or a bare id. */
const channel = z.string().transform((value, ctx) => {
  const v = value.trim();
  const slack = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(v);
  const id = slack?.[1] ?? v.replace(/^#/, "");
  if (/^[\w.:@-]+$/.test(id)) return id;
  ctx.addIssue({ code: "custom", message: `\`${v}\` is not a channel. Name it like #general.` });
  return z.NEVER;
});

const holidays = z.string().transform((value, ctx) => {
  const dates = value.split(/[\s,]+/).filter(Boolean);
  const bad = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
  if (!bad) return dates;
  ctx.addIssue({ code: "custom", message: `\`${bad}\` is not a date. List holidays like 2026-12-24,2026-12-25.` });
  return z.NEVER;
});

export default projectCommand({
  path: ["standup", "setup"],
  summary: "Schedule standup check-ins: days, local time, time zone, channel and participants",
  examples: ["standup setup days mon-fri at 09:00 tz Europe/Berlin", "standup setup at 09:30 participants @alice @bob own-zones", "standup setup"],
  params: [
    { at: "keyword", name: "days", keywords: ["days"], type: "text", label: "days", placeholder: "mon-fri" },
    { at: "keyword", name: "at", keywords: ["at"], type: "text", label: "time", placeholder: "09:00" },
    { at: "keyword", name: "tz", keywords: ["tz"], type: "text", label: "time zone", placeholder: "<Zone>" },
    { at: "keyword", name: "channel", keywords: ["channel"], type: "text", label: "channel", placeholder: "#c" },
    { at: "flag", name: "participantsWord", label: "participants", words: ["participants"], form: false },
    { at: "typed", name: "participants", label: "participants", type: "mention", multiple: true, placeholder: "@user" },
    { at: "keyword", name: "holidays", keywords: ["holidays"], type: "text", label: "dates", placeholder: "2026-12-24,2026-12-25" },
    { at: "flag", name: "ownZones", label: "own-zones", words: ["own-zones"] },
  ],
  notes: [
    "Defaults: mon-fri at 09:00 in your time zone, in this channel, with you as the only participant.",
    "Each participant is asked by direct message; with `own-zones` each is asked at that time in their own time zone.",
    "Running it again changes the channel's standup.",
  ],
  input: () =>
    z.object({
      days: days.optional(),
      at: fields.timeOfDay().optional(),
      tz: fields.timeZone().optional(),
      channel: channel.optional(),
      participantsWord: z.string().optional(),
      participants: fields.mentions().optional(),
      holidays: holidays.optional(),
      ownZones: z.literal("own-zones").optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const people = input.participants?.length ? await Promise.all(input.participants.map((m) => memberFor(ctx, m))) : [ctx.user];
    const timeZone = input.tz ?? (isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : "UTC");
    const channelId = input.channel ?? ctx.channel.id;
    const schedule = await ctx.store.standups.setup(ctx.scope, project.id, channelId, {
      platform: platformOf(ctx.channel),
      days: input.days ?? ["mon", "tue", "wed", "thu", "fri"],
      time: input.at ?? "09:00",
      timeZone,
      participants: [...new Set(people.map((p) => p.id))],
      perParticipantZones: input.ownZones !== undefined,
      ...(input.holidays ? { holidays: input.holidays } : {}),
    });
    const when = `${formatDays(schedule.days)} at ${schedule.time} ${schedule.perParticipantZones ? "in each participant's time zone" : schedule.timeZone}`;
    const blocks = [
      text(`Standup for ${project.name} scheduled ${when}.`),
      contextLine(`Participants (asked by direct message): ${joinWords(people.map(at))}. Questions: yesterday / today / blockers.`),
    ];
    if (schedule.holidays.length) blocks.push(contextLine(`No standup on ${schedule.holidays.join(", ")}.`));
    return reply(`Standup scheduled ${when}`, blocks, "channel");
  },
});
