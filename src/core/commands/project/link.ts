import { z } from "zod";
import { tenantCommand } from "../define.js";
import { fields } from "../fields.js";
import { echo } from "../../grammar/echo.js";
import { suggest } from "../../grammar/suggest.js";
import { authorityOf, holds, refusal } from "../../authorization.js";
import { rejection, reply, text } from "../../views/reply.js";

export default tenantCommand({
  path: ["project", "link"],
  summary: "Link this channel to a project, so commands here work on it",
  examples: ['project link "Apollo"'],
  formTitle: "Link this channel",
  params: [{ at: "rest", name: "name", label: "name", required: true }],
  input: () => z.object({ name: fields.text("project name", 80) }),
  async run(ctx, input) {
    const project = await ctx.store.projects.findByName(ctx.tenant, input.name);
    if (!project) {
      const near = suggest(
        input.name,
        (await ctx.store.projects.list(ctx.tenant)).map((p) => p.name),
      );
      return rejection(`There is no project called "${echo(input.name)}".${near ? ` Did you mean "${near}"?` : ""}`);
    }
    // Pointing a channel at a project is a setting of that project.
    const authority = await authorityOf(ctx, project);
    if (!holds(authority, "manager")) return refusal(ctx, project, authority, "manager", "link channels to it");
    await ctx.store.projects.linkChannel(ctx.scope, project.id, ctx.channel.id);
    return reply(`Linked to ${project.name}`, [text(`This channel is now linked to *${project.name}*.`)], "channel");
  },
});
