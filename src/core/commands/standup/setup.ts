import type { DateTime } from "luxon";
import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, joinWords, memberFor } from "../shared.js";
import { contextLine, fields as fieldsBlock, rejection, reply, text } from "../../views/reply.js";
import { DATE_RANGE_TEXT, isDateInRange, isIsoDate, isValidZone } from "../../domain/dates.js";
import { formatDays, parseDays } from "../../domain/schedule/occurrences.js";
import { promptTargets } from "../../domain/schedule/prompt-targets.js";
import { nextOccurrence } from "../../domain/schedule/digest-rule.js";
import { reminderLeadMinutes, windowOverlap } from "../../domain/schedule/standup-day.js";
import type { StandupSchedule } from "../../store.js";
import { platformOf } from "../../lookups/standup.js";
import { answerWindow, formatDuration, questions, questionsOf, reminder } from "../../domain/standup-settings.js";

const days = z.string().transform((value, ctx) => {
  const parsed = parseDays(value.replace(/\s+/g, ""));
  if (parsed) return parsed;
  ctx.addIssue({ code: "custom", message: `\`${value}\` is not a set of days. Write them like mon-fri or mon,wed,fri.` });
  return z.NEVER;
});

const holidays = z.string().transform((value, ctx) => {
  const dates = value.split(/[\s,]+/).filter(Boolean);
  const bad = dates.find((d) => !isIsoDate(d));
  if (bad) {
    ctx.addIssue({ code: "custom", message: `\`${bad}\` is not a date. List holidays like 2026-12-24,2026-12-25.` });
    return z.NEVER;
  }
  const outside = dates.find((d) => !isDateInRange(d));
  if (!outside) return dates;
  ctx.addIssue({ code: "custom", message: `\`${outside}\` is out of range: dates must be ${DATE_RANGE_TEXT}.` });
  return z.NEVER;
});

export default projectCommand({
  path: ["standup", "setup"],
  permission: "manager",
  permissionAction: "set up its standup",
  summary: "Schedule standup check-ins: days, local time, time zone, channel, participants, questions, answer window and reminder",
  examples: [
    "standup setup days mon-fri at 09:00 tz Europe/Berlin",
    "standup setup at 09:30 participants @alice @bob own-zones",
    'standup setup questions "What did you finish? | What is next? | Anything in your way?" window 90m reminder off',
    "standup setup",
  ],
  params: [
    { at: "keyword", name: "days", keywords: ["days"], type: "text", label: "days", placeholder: "mon-fri" },
    { at: "keyword", name: "at", keywords: ["at"], type: "text", label: "time", placeholder: "09:00" },
    { at: "keyword", name: "tz", keywords: ["tz"], type: "text", label: "time zone", placeholder: "<Zone>" },
    { at: "keyword", name: "channel", keywords: ["channel"], type: "text", label: "channel", placeholder: "#c" },
    { at: "flag", name: "participantsWord", label: "participants", words: ["participants"], form: false },
    { at: "typed", name: "participants", label: "participants", type: "mention", multiple: true, placeholder: "@user" },
    { at: "keyword", name: "holidays", keywords: ["holidays"], type: "text", label: "dates", placeholder: "2026-12-24,2026-12-25" },
    { at: "flag", name: "ownZones", label: "own-zones", words: ["own-zones"] },
    {
      at: "keyword",
      name: "questions",
      keywords: ["questions"],
      type: "text",
      label: "questions",
      placeholder: '"<q1> | <q2> | <q3>"',
      hint: "Three questions separated by |: yesterday | today | blockers. `default` for the standard ones.",
    },
    {
      at: "keyword",
      name: "window",
      keywords: ["window"],
      type: "text",
      label: "answer window",
      placeholder: "2h",
      hint: "How long answers are collected: 15m to 12h, like 90m or 1h30m.",
    },
    {
      at: "keyword",
      name: "reminder",
      keywords: ["reminder"],
      type: "text",
      label: "reminder",
      placeholder: "on|off",
      options: ["on", "off"],
    },
  ],
  notes: [
    "Defaults: mon-fri at 09:00 in your time zone, in this channel, with you as the only participant, the standard three questions, a 2 h answer window and a reminder.",
    "Each participant is asked by direct message; with `own-zones` each is asked at that time in their own time zone.",
    "`questions` takes exactly three, separated by |, asked in the order yesterday | today | blockers; `questions default` brings back the standard ones.",
    "With `reminder on`, whoever has not answered gets a direct message 30 minutes before the window closes (half-way through a window under an hour).",
    "Running it again changes the channel's standup; questions, window and reminder stay as they were unless given. A new or stopped standup starts from now: a time already past today is first asked tomorrow.",
  ],
  input: () =>
    z.object({
      days: days.optional(),
      at: fields.timeOfDay().optional(),
      tz: fields.timeZone().optional(),
      channel: fields.channel().optional(),
      participantsWord: z.string().optional(),
      participants: fields.mentions().optional(),
      holidays: holidays.optional(),
      ownZones: z.literal("own-zones").optional(),
      questions: questions.optional(),
      window: answerWindow.optional(),
      reminder: reminder.optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const people = input.participants?.length ? await Promise.all(input.participants.map((m) => memberFor(ctx, m))) : [ctx.user];
    const timeZone = input.tz ?? (isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : "UTC");
    const channelId = input.channel ?? ctx.channel.id;
    const settings = {
      platform: platformOf(ctx.channel),
      days: input.days ?? ["mon", "tue", "wed", "thu", "fri"],
      time: input.at ?? "09:00",
      timeZone,
      participants: [...new Set(people.map((p) => p.id))],
      perParticipantZones: input.ownZones !== undefined,
      ...(input.holidays ? { holidays: input.holidays } : {}),
      ...(input.questions ? { questions: input.questions } : {}),
      ...(input.window !== undefined ? { windowMinutes: input.window } : {}),
      ...(input.reminder !== undefined ? { remindBeforeClose: input.reminder } : {}),
      // Only a new or stopped schedule takes it: it is not asked for times already past.
      activeFrom: ctx.now().toJSDate(),
    };
    if (input.window !== undefined) {
      // Participants far apart in their own zones can make one day's window reach into the next day's prompts.
      const rules = promptTargets({ id: "", channelId, skipUntil: null, holidays: [], ...settings }, people).map((t) => t.rule);
      const overlap = windowOverlap(rules, input.window, ctx.now());
      if (overlap) {
        const local = (t: DateTime) => `${t.setZone(timeZone).toFormat("ccc HH:mm")} ${timeZone}`;
        return rejection(
          `A ${formatDuration(input.window)} answer window would still be open when the next standup is asked: the ${overlap.date} window would close ${local(overlap.closes)}, after the next prompt at ${local(overlap.next)}. Choose a shorter window.`,
        );
      }
    }
    const schedule = await ctx.store.standups.setup(ctx.scope, project.id, channelId, settings);
    return reply(`Standup scheduled ${when(schedule)}`, confirmation(project.name, schedule, people.map(at), ctx.now()), "channel");
  },
});

const when = (s: StandupSchedule) =>
  `${formatDays(s.days)} at ${s.time} ${s.perParticipantZones ? "in each participant's time zone" : s.timeZone}`;

function confirmation(projectName: string, schedule: StandupSchedule, participants: string[], now: DateTime) {
  const blocks = [
    text(`Standup for ${projectName} scheduled ${when(schedule)}.`),
    contextLine(`Participants (asked by direct message): ${joinWords(participants)}.`),
    fieldsBlock([
      [
        "Questions",
        questionsOf(schedule.questions)
          .map((q, i) => `${i + 1}. ${q}`)
          .join("\n"),
      ],
      ["Answer window", formatDuration(schedule.windowMinutes)],
      [
        "Reminder",
        schedule.remindBeforeClose ? `on, ${formatDuration(reminderLeadMinutes(schedule.windowMinutes))} before the window closes` : "off",
      ],
    ]),
  ];
  if (schedule.holidays.length) blocks.push(contextLine(`No standup on ${schedule.holidays.join(", ")}.`));
  // Each participant's own zone has its own next time, so only a shared one is named.
  const next = schedule.perParticipantZones ? null : nextOccurrence(schedule, now);
  if (next)
    blocks.push(contextLine(`Next check-in: ${next.at.setZone(schedule.timeZone).toFormat("ccc d LLL HH:mm")} ${schedule.timeZone}.`));
  return blocks;
}
