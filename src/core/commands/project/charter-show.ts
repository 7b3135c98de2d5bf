import { z } from "zod";
import { charterContent } from "../../domain/charter.js";
import { projectCommand } from "../define.js";
import { membersById } from "../shared.js";
import { contextLine, heading, rejection, reply, type Block } from "../../views/reply.js";
import { charterApproverIds } from "../../authorization.js";
import { approvalLine, charterBlocks, versionField, versionParam, when } from "../../messages/charter.js";

export default projectCommand({
  path: ["project", "charter", "show"],
  effect: "read",
  summary: "Show the project charter: the latest version, or the one named (v2), with who approved it",
  examples: ["project charter show", "project charter show v1"],
  params: [versionParam],
  input: () => z.object({ version: versionField().optional() }),
  async run(ctx, input) {
    const { project } = ctx;
    const latest = await ctx.store.charters.latest(ctx.tenant, project.id);
    if (!latest) return rejection(`${project.name} has no charter yet. \`project charter\` writes the first version.`);
    const charter =
      input.version === undefined || input.version === latest.version
        ? latest
        : await ctx.store.charters.version(ctx.tenant, project.id, input.version);
    if (!charter) return rejection(`${project.name}'s charter has no version ${input.version}: the latest is v${latest.version}.`);
    const stakeholders = await ctx.store.stakeholders.list(ctx.tenant, project.id);
    const approvers = charterApproverIds(ctx.authority.roles, stakeholders);
    const people = await membersById(ctx, [charter.createdById, ...approvers, ...charter.approvals.map((a) => a.memberId)]);
    const author = people.get(charter.createdById);
    const blocks: Block[] = [
      heading(`${project.name} — charter v${charter.version}`),
      contextLine(
        `Saved by ${author ? `@${author.name}` : "—"} on ${when(charter.createdAt, ctx.user)}.${charter.version === latest.version ? "" : ` Not the latest: v${latest.version} is.`}`,
      ),
      ...charterBlocks(charterContent(charter.content)),
      approvalLine(charter, approvers, people, ctx.user),
    ];
    return reply(`${project.name} charter v${charter.version}`, blocks);
  },
});
