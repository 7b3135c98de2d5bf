import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, joinWords } from "../shared.js";
import { contextLine, reply, text } from "../../views/reply.js";
import { approversOf } from "../../lookups/change-request.js";
import { POLICY_TEXT } from "../../messages/change-request.js";

const POLICIES = ["any", "all"] as const;

export default projectCommand({
  path: ["change", "policy"],
  summary: "Who settles a change request: any one approver, or all of them (its owners and managers set it)",
  examples: ["change policy", "change policy all"],
  notes: [
    "Approvers are the project manager and the stakeholders added with `approver`.",
    "`any`: the first approval or rejection settles a request. `all`: every approver must approve; one rejection rejects.",
  ],
  params: [{ at: "flag", name: "policy", label: "policy", words: POLICIES }],
  input: () => z.object({ policy: fields.choice(POLICIES, "change policy").optional() }),
  effect: (input) => (input.policy === undefined ? "read" : "write"),
  permission: (input) => (input.policy === undefined ? undefined : "manager"),
  permissionAction: "change its approval policy",
  async run(ctx, input) {
    let project = ctx.project;
    const approvers = await approversOf(ctx);
    if (input.policy !== undefined) {
      if (input.policy === project.changePolicy) {
        return reply(`Change policy already ${project.changePolicy}`, [
          text(`${project.name}'s change policy is already \`${project.changePolicy}\`: ${POLICY_TEXT[project.changePolicy]}.`),
        ]);
      }
      project = await ctx.store.projects.setChangePolicy(ctx.scope, project.id, input.policy);
    }
    const changed = input.policy !== undefined;
    const blocks = [
      text(
        `The change policy of *${project.name}* ${changed ? "is now" : "is"} \`${project.changePolicy}\`: ${POLICY_TEXT[project.changePolicy]}.`,
      ),
      contextLine(`Approvers: ${joinWords(approvers.map((m) => at(m)))}. Add one with \`stakeholder add @user approver\`.`),
    ];
    if (changed) blocks.push(contextLine("Open requests are settled under the new policy at their next decision."));
    return reply(`Change policy of ${project.name}: ${project.changePolicy}`, blocks, changed ? "channel" : "private");
  },
});
