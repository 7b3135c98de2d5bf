import { z } from "zod";
import { projectCommand } from "../define.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

export default projectCommand({
  path: ["project", "reopen"],
  permission: "manager",
  permissionAction: "reopen it",
  effect: "reopen",
  summary: "Reopen a closed (archived) project so it can change again; only its owners and managers can",
  examples: ["project reopen"],
  notes: ["The post-mortem and final report stay as they were; closing again replaces them."],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    if (project.status !== "closed") return rejection(`${project.name} is not closed: there is nothing to reopen.`);
    await ctx.store.closeOuts.reopen(ctx.scope, project.id, ctx.now().toJSDate());
    return reply(
      `Reopened ${project.name}`,
      [text(`Reopened *${project.name}*: it can change again, and its scheduled standups and reports resume.`), contextLine("`project close` closes it again with a new post-mortem and final report.")],
      "channel",
    );
  },
});
