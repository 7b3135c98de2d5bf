import { z } from "zod";
import { projectCommand } from "../define.js";
import { at, joinWords } from "../shared.js";
import { rejection, reply, text } from "../../views/reply.js";
import { promptTargets } from "../../domain/schedule/prompt-targets.js";
import { NO_STANDUP, standupFor } from "../../lookups/standup.js";
import { promptDedupeKey, standupPrompt } from "../../messages/standup-prompt.js";
import { threadOpening } from "../../messages/standup-thread.js";

export default projectCommand({
  path: ["standup", "now"],
  permission: "manager",
  permissionAction: "start a standup early",
  summary: "Post today's standup prompt now instead of waiting for its time",
  examples: ["standup now"],
  params: [],
  notes: [
    "Each person is asked at most once a day: a prompt already sent today is not sent again, and the scheduled one is not sent after this.",
  ],
  input: () => z.object({}),
  async run(ctx) {
    const schedule = await standupFor(ctx);
    if (!schedule) return rejection(NO_STANDUP);
    const members = await ctx.store.members.getMany(ctx.tenant, schedule.participants);
    const byId = new Map(members.map((m) => [m.id, m]));
    const sent: string[] = [];
    const already: string[] = [];
    for (const target of promptTargets(schedule, members)) {
      // The same key as the scheduled prompt of that local day, so the two never both post.
      const localDate = ctx.now().setZone(target.rule.timeZone).toISODate()!;
      const { created } = await ctx.notify.post(ctx.tenant, {
        channelId: target.channelId,
        kind: "standup-prompt",
        dedupeKey: promptDedupeKey(schedule.id, target.recipient, localDate),
        reply: standupPrompt(ctx.project.name, localDate, schedule.questions),
      });
      // Slack: the day's thread in the channel, which the summary is posted under (once a day, like the prompt).
      const opening = threadOpening(schedule, ctx.project.name, localDate);
      if (opening) await ctx.notify.post(ctx.tenant, opening);
      const who = target.memberId ? at(byId.get(target.memberId)) : "the channel";
      (created ? sent : already).push(who);
    }
    const lines = [];
    if (sent.length) lines.push(`Standup prompt sent to ${joinWords(sent)}.`);
    if (already.length) lines.push(`Already asked today: ${joinWords(already)}.`);
    if (!lines.length) lines.push("This standup has no participants to ask.");
    return reply(lines[0]!, lines.map(text));
  },
});
