/** `project reopen`: a closed project becomes active again; who may, and that it is closed, are checked again as it is written. */
import { z } from "zod";
import { withRole } from "../../authorization.js";
import { reopenRefusal } from "../../domain/close-out.js";
import { projectCommand } from "../define.js";
import type { Project } from "../../store.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

const ACTION = "reopen it";

export default projectCommand({
  path: ["project", "reopen"],
  permission: "manager",
  permissionAction: ACTION,
  effect: "reopen",
  summary: "Reopen a closed (archived) project so it can change again; only its owners and managers can",
  examples: ["project reopen"],
  notes: ["The post-mortem and final report stay as they were; closing again replaces them."],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    const notClosed = reopenRefusal(project);
    if (notClosed) return rejection(notClosed);
    const reopened = await withRole(
      ctx,
      project,
      "manager",
      ACTION,
      async (tx, fresh): Promise<{ conflict: string } | { project: Project }> => {
        const conflict = reopenRefusal(fresh);
        return conflict ? { conflict } : { project: await tx.closeOuts.reopen(ctx.scope, fresh.id, ctx.now().toJSDate()) };
      },
    );
    if ("refused" in reopened) return reopened.refused;
    if ("conflict" in reopened.done) return rejection(reopened.done.conflict);
    return reply(
      `Reopened ${project.name}`,
      [
        text(`Reopened *${project.name}*: it can change again, and its scheduled standups and reports resume.`),
        contextLine("`project close` closes it again with a new post-mortem and final report."),
      ],
      "channel",
    );
  },
});
