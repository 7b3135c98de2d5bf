/**
 * `project role @user owner|manager|none`: who runs the project. Only owners
 * (and workspace admins) change roles; the last owner stays. Both are checked
 * again in the transaction that writes the change, on the project's row held
 * until the commit: two owners taking each other's role at once cannot both
 * succeed.
 */
import { z } from "zod";
import { roleChangeRefusal, withRole } from "../../authorization.js";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor } from "../shared.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

const ROLES = ["owner", "manager", "none"] as const;

const ACTION = "give or take away roles";

const WHAT: Record<(typeof ROLES)[number], string> = {
  owner: "an owner",
  manager: "a manager",
  none: "no role",
};

export default projectCommand({
  path: ["project", "role"],
  summary: "Make someone an owner or manager of the project, or take their role away (`none`)",
  examples: ["project role @sam manager", "project role @lee owner", "project role @sam none"],
  formTitle: "Change a role",
  notes: [
    "Owners and managers change the budget, the project's settings, milestones, stakeholders and standups, close and reopen it, and change anyone's tasks and risks.",
    "Everyone else adds tasks, costs and risks and changes their own. Only owners give and take away roles; a project always keeps one owner.",
    "`project roles` lists them.",
  ],
  params: [
    { at: "typed", name: "member", label: "user", type: "mention", required: true },
    { at: "slot", name: "role", label: "role", type: "text", required: true, options: ROLES, placeholder: "owner|manager|none" },
  ],
  input: () => z.object({ member: fields.mention(), role: fields.choice(ROLES, "role") }),
  permission: "owner",
  permissionAction: ACTION,
  async run(ctx, input) {
    const { project } = ctx;
    const member = await memberFor(ctx, input.member);
    const role = input.role === "none" ? null : input.role;
    const outcome = await withRole(
      ctx,
      project,
      "owner",
      ACTION,
      async (tx, fresh, authority) => {
        const conflict = roleChangeRefusal(fresh, authority.roles, member.id, role);
        return conflict ? { conflict } : tx.roles.set(ctx.scope, fresh.id, member.id, role);
      },
      // A concurrent grant to the same member: the retry sees its row and updates it.
      { retryOnUnique: true },
    );
    if ("refused" in outcome) return outcome.refused;
    if ("conflict" in outcome.done) return rejection(outcome.done.conflict);
    const { before, after } = outcome.done;
    if (before === after) {
      return reply(`${at(member)} already has that role`, [
        text(after ? `${at(member)} is already ${WHAT[after]} of ${project.name}.` : `${at(member)} has no role on ${project.name}.`),
      ]);
    }
    const message = after
      ? `${at(member)} is now ${WHAT[after]} of ${project.name} (was ${WHAT[before ?? "none"]}).`
      : `${at(member)} now has no role on ${project.name} (was ${WHAT[before ?? "none"]}).`;
    return reply(message, [text(message), contextLine("`project roles` shows everyone's role.")], "channel");
  },
});
