import { z } from "zod";
import { projectCommand } from "../define.js";
import { at, membersById } from "../shared.js";
import { contextLine, reply, table, text } from "../../views/reply.js";

export default projectCommand({
  path: ["stakeholder", "list"],
  effect: "read",
  summary: "The project's stakeholders, their roles and who approves changes",
  examples: ["stakeholder list"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    const stakeholders = await ctx.store.stakeholders.list(ctx.tenant, project.id);
    if (stakeholders.length === 0) {
      return reply("No stakeholders", [
        text(`${project.name} has no stakeholders yet.`),
        contextLine('Add one with `stakeholder add @user role "Sponsor" approver`.'),
      ]);
    }
    const members = await membersById(
      ctx,
      stakeholders.map((s) => s.memberId),
    );
    const rows = stakeholders
      .map((s) => [at(members.get(s.memberId)), s.role ?? "—", s.approver ? "✓" : ""])
      .sort((a, b) => a[0]!.localeCompare(b[0]!));
    const approvers = stakeholders.filter((s) => s.approver).length;
    const summary = `${stakeholders.length} ${stakeholders.length === 1 ? "stakeholder" : "stakeholders"}, ${approvers} ${approvers === 1 ? "approver" : "approvers"}`;
    return reply(summary, [table(["Stakeholder", "Role", "Approver"], rows), contextLine(summary)]);
  },
});
