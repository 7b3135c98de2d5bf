import { z } from "zod";
import { tenantCommand } from "../define.js";
import { money } from "../shared.js";
import { reply, table, text } from "../../views/reply.js";

export default tenantCommand({
  path: ["project", "list"],
  summary: "List the workspace's projects",
  examples: ["project list"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const projects = await ctx.store.projects.list(ctx.tenant);
    if (projects.length === 0) return reply("No projects yet", [text('No projects yet. Start one with `project create "<name>"`.')]);
    const linked = await ctx.store.projects.forChannel(ctx.tenant, ctx.channel.id);
    const rows = projects.map((p) => [
      p.id === linked?.id ? `${p.name} (this channel)` : p.name,
      p.status,
      p.budgetTotal === null ? "—" : money(p.budgetTotal, p.currency),
      `${p.startDate ?? "?"} → ${p.endDate ?? "?"}`,
    ]);
    return reply(`${projects.length} projects`, [table(["Project", "Status", "Budget", "Timeline"], rows)]);
  },
});
