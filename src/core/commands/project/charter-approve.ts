import { z } from "zod";
import { projectCommand } from "../define.js";
import { joinWords, membersById } from "../shared.js";
import { rejection, reply, text, type Block } from "../../views/reply.js";
import { charterApproverIds } from "../../authorization.js";
import { approvalLine, versionField, versionParam, when } from "../../messages/charter.js";

export default projectCommand({
  path: ["project", "charter", "approve"],
  summary: "Approve the project charter's latest version, or the one named (v2); its owners, managers and stakeholders approve",
  examples: ["project charter approve", "project charter approve v1"],
  notes: ["Each approval names the version approved, so a later version needs approving again."],
  params: [versionParam],
  input: () => z.object({ version: versionField().optional() }),
  async run(ctx, input) {
    const { project } = ctx;
    const latest = await ctx.store.charters.latest(ctx.tenant, project.id);
    if (!latest) return rejection(`${project.name} has no charter to approve yet. \`project charter\` writes the first version.`);
    const version = input.version ?? latest.version;
    // Who may approve is read in the transaction that records the approval: a role or stakeholder entry taken away just before counts.
    const outcome = await ctx.store.transaction(
      ctx.scope,
      async (tx) => {
        const [roles, stakeholders] = await Promise.all([
          tx.roles.list(ctx.tenant, project.id),
          tx.stakeholders.list(ctx.tenant, project.id),
        ]);
        const approvers = charterApproverIds(roles, stakeholders);
        if (!approvers.includes(ctx.user.id)) return { approvers, refused: true as const };
        return { approvers, result: await tx.charters.approve(ctx.scope, project.id, version, ctx.now().toJSDate()) };
      },
      // Two approvals by the same person at once: the retry finds the first.
      { retryOnUnique: true },
    );
    const { approvers } = outcome;
    if ("refused" in outcome) {
      const people = await membersById(ctx, approvers);
      return rejection(
        `Only ${project.name}'s owners, managers and stakeholders can approve its charter: ${joinWords(approvers.map((id) => `@${people.get(id)?.name ?? "?"}`))}.`,
      );
    }
    const { result } = outcome;
    const { charter } = result;
    const people = await membersById(ctx, [...approvers, ...charter.approvals.map((a) => a.memberId)]);
    if (!result.created) {
      const mine = charter.approvals.find((a) => a.memberId === ctx.user.id);
      return reply(`Already approved v${version}`, [
        text(`You approved v${version} of ${project.name}'s charter already${mine ? ` (${when(mine.approvedAt, ctx.user)})` : ""}.`),
        approvalLine(charter, approvers, people, ctx.user),
      ]);
    }
    const blocks: Block[] = [text(`@${ctx.user.name} approved v${version} of ${project.name}'s charter.`)];
    if (version < result.latest) {
      blocks.push(
        text(
          `v${version} is not the latest version: v${result.latest} is. This approval is recorded for v${version} only; \`project charter approve\` approves v${result.latest}.`,
        ),
      );
    }
    blocks.push(approvalLine(charter, approvers, people, ctx.user));
    return reply(
      `Approved ${project.name}'s charter v${version}${version < result.latest ? ` (latest is v${result.latest})` : ""}`,
      blocks,
      "channel",
    );
  },
});
