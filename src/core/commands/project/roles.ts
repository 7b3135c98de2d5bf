import { z } from "zod";
import { projectCommand } from "../define.js";
import { membersById } from "../shared.js";
import { contextLine, fields as fieldsBlock, heading, reply } from "../../views/reply.js";
import { roleFacts } from "./show.js";

export default projectCommand({
  path: ["project", "roles"],
  effect: "read",
  summary: "List the project's owners and managers",
  examples: ["project roles"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project, authority } = ctx;
    const people = await membersById(
      ctx,
      authority.roles.map((r) => r.memberId),
    );
    const yours = authority.role
      ? `You are ${authority.role === "owner" ? "an owner" : "a manager"}.`
      : authority.admin
        ? "You are a workspace admin."
        : "You have no role: you add and change your own tasks, costs and risks.";
    return reply(`Roles of ${project.name}`, [
      heading(`${project.name} — roles`),
      fieldsBlock(roleFacts(authority.roles, people)),
      contextLine(`${yours} Owners change roles with \`project role @user owner|manager|none\`.`),
    ]);
  },
});
