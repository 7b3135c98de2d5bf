import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor } from "../shared.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

export default projectCommand({
  path: ["stakeholder", "remove"],
  permission: "manager",
  permissionAction: "remove stakeholders",
  summary: "Remove a stakeholder from the project",
  examples: ["stakeholder remove @dave"],
  formTitle: "Remove a stakeholder",
  params: [{ at: "typed", name: "member", label: "user", type: "mention", required: true }],
  input: () => z.object({ member: fields.mention() }),
  async run(ctx, input) {
    const { project } = ctx;
    const member = await memberFor(ctx, input.member);
    const removed = await ctx.store.stakeholders.remove(ctx.scope, project.id, member.id);
    if (!removed) {
      const message = `${at(member)} is not a stakeholder of ${project.name}.`;
      return rejection(message, [text(message), contextLine("`stakeholder list` shows who is.")]);
    }
    return reply(
      `Removed stakeholder ${at(member)}`,
      [text(`Removed ${at(member)} from the stakeholders of ${project.name}; they no longer get its digest.`)],
      "channel",
    );
  },
});
