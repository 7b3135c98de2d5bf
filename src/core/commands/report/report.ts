import { z } from "zod";
import { projectCommand } from "../define.js";
import { weeklyDigest } from "../../digest/weekly-digest.js";
import { CHART_KINDS } from "../../charts/index.js";
import { contextLine } from "../../views/reply.js";

export default projectCommand({
  path: ["report"],
  effect: "read",
  summary: "Weekly status report: done, open work and deadlines, milestones, budget, risks, KPIs",
  examples: ["report", "report weekly"],
  notes: [
    "Covers the 7 days ending today. Only you see it; the scheduled digest goes to the channel, with the budget burn-up and task burndown charts.",
  ],
  params: [{ at: "flag", name: "kind", label: "weekly", words: ["weekly"] }],
  input: () => z.object({ kind: z.literal("weekly").optional() }),
  async run(ctx) {
    const digest = await weeklyDigest(ctx, ctx.project, { today: ctx.env.today, zone: ctx.user.timeZone ?? "UTC" });
    // The scheduled digest carries the burn-up and burndown charts; on demand they are one command away.
    return { ...digest, blocks: [...digest.blocks, contextLine(`Charts: ${CHART_KINDS.map((k) => `\`report chart ${k}\``).join(" · ")}`)] };
  },
});
