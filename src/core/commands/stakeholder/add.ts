import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor } from "../shared.js";
import { contextLine, reply, text } from "../../views/reply.js";

/** "Sponsor, approver" / "approver" / "no role". */
export const standing = (s: { role: string | null; approver: boolean }): string =>
  [s.role, s.approver ? "approver" : null].filter(Boolean).join(", ") || "no role";

export default projectCommand({
  path: ["stakeholder", "add"],
  permission: "manager",
  permissionAction: "add stakeholders",
  summary: "Add a stakeholder (or change their role); approvers decide change requests",
  examples: ['stakeholder add @carol role "Sponsor" approver', "stakeholder add @dave role CTO"],
  formTitle: "Add a stakeholder",
  notes: ["Stakeholders receive the weekly status digest by direct message.", 'Quote a role of several words: `role "Product owner"`.'],
  params: [
    { at: "typed", name: "member", label: "user", type: "mention", required: true },
    { at: "keyword", name: "role", keywords: ["role"], type: "text", label: "role" },
    { at: "flag", name: "approver", label: "approver", words: ["approver"] },
  ],
  input: () =>
    z.object({
      member: fields.mention(),
      role: fields.text("role", 80).optional(),
      approver: z.literal("approver").optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const member = await memberFor(ctx, input.member);
    const before = (await ctx.store.stakeholders.list(ctx.tenant, project.id)).find((s) => s.memberId === member.id);
    // Only what was typed changes: re-adding someone without `approver` keeps them an approver.
    const role = input.role ?? before?.role ?? null;
    const approver = input.approver ? true : (before?.approver ?? false);
    if (before && before.role === role && before.approver === approver) {
      return reply(`${at(member)} is already a stakeholder`, [
        text(`${at(member)} is already a stakeholder of ${project.name} (${standing(before)}).`),
      ]);
    }
    const saved = await ctx.store.stakeholders.add(ctx.scope, project.id, { memberId: member.id, role, approver });
    const message = before
      ? `Updated stakeholder ${at(member)} of ${project.name}: ${standing(before)} → ${standing(saved)}.`
      : `Added ${at(member)} as a stakeholder of ${project.name} (${standing(saved)}).`;
    const blocks = [text(message)];
    if (!before)
      blocks.push(
        contextLine(
          `${at(member)} will get the weekly status digest by direct message${saved.approver ? " and decides change requests" : ""}.`,
        ),
      );
    return reply(before ? `Updated stakeholder ${at(member)}` : `Added stakeholder ${at(member)}`, blocks, "channel");
  },
});
