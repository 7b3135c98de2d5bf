import { channelRef } from "../../views/references.js";
import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { joinWords } from "../shared.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { alertChannels } from "../../alerts/channels.js";

export default projectCommand({
  path: ["project", "alerts"],
  summary: "Choose the channel that gets the project's critical-risk and budget alerts",
  examples: ["project alerts", "project alerts #apollo-risks", "project alerts here", "project alerts default"],
  params: [{ at: "rest", name: "target", label: "channel", placeholder: "#channel|here|default" }],
  notes: [
    "Without a channel it shows where alerts go now.",
    "`here` picks this channel; `default` sends them to the project's linked channels again.",
  ],
  input: () => z.object({ target: fields.channelOr(["here", "default"] as const).optional() }),
  effect: (input) => (input.target === undefined ? "read" : "write"),
  permission: (input) => (input.target === undefined ? undefined : "manager"),
  permissionAction: "choose where its alerts go",
  async run(ctx, input) {
    let project = ctx.project;
    if (input.target !== undefined) {
      const channelId = input.target === "default" ? null : input.target === "here" ? ctx.channel.id : input.target;
      project = await ctx.store.projects.setAlertChannel(ctx.scope, project.id, channelId);
    }
    const where = joinWords((await alertChannels(ctx, project)).map((id) => channelRef(id)));
    const summary = `Alerts for ${project.name} go to ${where}`;
    const blocks = [text(`Critical-risk and budget alerts for *${project.name}* go to ${where}.`)];
    if (!project.alertChannelId)
      blocks.push(contextLine("That is the project's linked channels. Pick another with `project alerts #channel`."));
    return reply(summary, blocks, input.target === undefined ? "private" : "channel");
  },
});
