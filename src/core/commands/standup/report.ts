import { z } from "zod";
import { projectCommand } from "../define.js";
import { at, membersById } from "../shared.js";
import { contextLine, heading, list, rejection, reply, table, text, type Block } from "../../views/reply.js";
import { occurrencesBetween } from "../../domain/schedule/occurrences.js";
import { NO_STANDUP, standupFor } from "../../lookups/standup.js";

const WEEKS = 4;

export default projectCommand({
  path: ["standup", "report"],
  effect: "read",
  summary: "Standup participation over the last 4 weeks and recurring blockers",
  examples: ["standup report"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const schedule = await standupFor(ctx);
    if (!schedule) return rejection(NO_STANDUP);
    const now = ctx.now();
    const rule = {
      days: schedule.days,
      time: schedule.time,
      timeZone: schedule.timeZone,
      holidays: schedule.holidays,
      skipUntil: schedule.skipUntil,
    };
    const days = occurrencesBetween(rule, now.minus({ weeks: WEEKS }), now).map((o) => o.localDate);
    const today = now.setZone(schedule.timeZone).toISODate()!;
    const history = await ctx.store.standups.history(ctx.tenant, schedule.id, { from: days[0] ?? today, to: today });
    const people = await membersById(ctx, [...schedule.participants, ...history.flatMap((h) => h.answers.map((a) => a.memberId))]);
    const blocks: Block[] = [heading(`Standups of ${ctx.project.name} — last ${WEEKS} weeks`)];
    if (!days.length) return reply("No standup days yet", [...blocks, text("No standup has been due in the last 4 weeks.")]);

    const answeredDays = (memberId: string) => history.filter((h) => h.answers.some((a) => a.memberId === memberId)).length;
    const rows = schedule.participants.map((id) => {
      const n = answeredDays(id);
      return [at(people.get(id)), `${n} of ${days.length}`, `${Math.round((100 * n) / days.length)} %`];
    });
    if (rows.length) {
      const total = schedule.participants.reduce((sum, id) => sum + answeredDays(id), 0);
      blocks.push(table(["Person", "Answered", "Participation"], rows));
      blocks.push(
        contextLine(
          `Overall participation: ${Math.round((100 * total) / (days.length * schedule.participants.length))} % over ${days.length} standup days.`,
        ),
      );
    }

    // A blocker is recurring when one person reports blockers on two or more days.
    const blocked = new Map<string, { count: number; latest: string }>();
    for (const h of history) {
      for (const a of h.answers) {
        if (!a.blockers) continue;
        blocked.set(a.memberId, { count: (blocked.get(a.memberId)?.count ?? 0) + 1, latest: `${h.slot}: ${a.blockers}` });
      }
    }
    const recurring = [...blocked].filter(([, b]) => b.count >= 2).sort((a, b) => b[1].count - a[1].count);
    blocks.push(
      recurring.length
        ? list(recurring.map(([id, b]) => `${at(people.get(id))} blocked on ${b.count} days — latest ${b.latest}`))
        : text("No recurring blockers."),
    );
    return reply(`Standup participation of ${ctx.project.name}`, blocks);
  },
});
