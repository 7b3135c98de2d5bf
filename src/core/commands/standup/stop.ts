import { z } from "zod";
import { projectCommand } from "../define.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { standupFor } from "../../lookups/standup.js";

export default projectCommand({
  path: ["standup", "stop"],
  permission: "manager",
  permissionAction: "stop its standup",
  summary: "Stop this channel's standup: no more prompts, reminders or summaries",
  examples: ["standup stop"],
  params: [],
  notes: ["Answers and participation are kept. `standup setup` starts it again, from the moment you run it."],
  input: () => z.object({}),
  async run(ctx) {
    const schedule = await standupFor(ctx);
    if (!schedule) {
      // Nothing running is what was asked for, so this is an answer, not an error.
      const here = await ctx.store.standups.forChannel(ctx.tenant, ctx.project.id, ctx.channel.id);
      const message = here
        ? "The standup of this channel is already stopped."
        : "No standup is set up for this channel, so there is nothing to stop.";
      return reply(message, [text(message), contextLine("Start one with `standup setup`.")]);
    }
    await ctx.store.standups.stop(ctx.scope, schedule.id);
    const message = `Standup for ${ctx.project.name} stopped: no more prompts, reminders or summaries.`;
    return reply(message, [text(message), contextLine("Answers so far are kept. `standup setup` starts it again.")], "channel");
  },
});
