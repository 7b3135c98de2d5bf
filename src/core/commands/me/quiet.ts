import { z } from "zod";
import { tenantCommand } from "../define.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { DEFAULT_QUIET_HOURS, formatQuietHours, memberZone, parseQuietHours } from "../../domain/quiet-hours.js";
import { describeQuietHours } from "../../messages/quiet-hours.js";

/** "22:00-07:00", "22:00 - 7:00", "off", "default" -> the stored form ("" for off). */
const window = z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
  const v = (Array.isArray(value) ? value.join(" ") : value).trim().toLowerCase();
  if (v === "off" || v === "none") return "";
  if (v === "default") return DEFAULT_QUIET_HOURS;
  const parsed = parseQuietHours(v.replace(/\s*[-–]\s*/, "-"));
  if (parsed) return formatQuietHours(parsed);
  ctx.addIssue({ code: "custom", message: `\`${v}\` is not a time window. Write it like 22:00-07:00, or \`off\`.` });
  return z.NEVER;
});

export default tenantCommand({
  path: ["me", "quiet"],
  summary: "Set the hours when Charter holds its direct messages to you",
  examples: ["me quiet 22:00-07:00", "me quiet off", "me quiet default"],
  formTitle: "Quiet hours",
  params: [{ at: "rest", name: "hours", label: "hours", placeholder: "22:00-07:00", required: true }],
  notes: [
    "Standup prompts, reminders, digests and escalations sent to you in that window wait until it ends. Channel posts are not held.",
    `The default is ${DEFAULT_QUIET_HOURS} in your time zone.`,
  ],
  input: () => z.object({ hours: window }),
  async run(ctx, input) {
    const member = await ctx.store.members.setQuietHours(ctx.scope, input.hours);
    const zone = memberZone(member.timeZone);
    const summary = input.hours ? `Quiet hours set to ${describeQuietHours(member.quietHours)} ${zone}` : "Quiet hours off";
    return reply(summary, [
      text(
        input.hours
          ? `Quiet hours set to *${describeQuietHours(member.quietHours)}* (${zone}). Direct messages from Charter in that window wait until it ends.`
          : "Quiet hours are off: Charter's direct messages reach you at any hour.",
      ),
      contextLine("Channel posts are not held."),
    ]);
  },
});
