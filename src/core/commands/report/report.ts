import { z } from "zod";
import { projectCommand } from "../define.js";
import { weeklyDigest } from "../../digest/weekly-digest.js";

export default projectCommand({
  path: ["report"],
  effect: "read",
  summary: "Weekly status report: done, open work and deadlines, milestones, budget, risks, KPIs",
  examples: ["report", "report weekly"],
  notes: ["Covers the 7 days ending today. Only you see it; the scheduled digest goes to the channel."],
  params: [{ at: "flag", name: "kind", label: "weekly", words: ["weekly"] }],
  input: () => z.object({ kind: z.literal("weekly").optional() }),
  async run(ctx) {
    return weeklyDigest(ctx, ctx.project, { today: ctx.env.today, zone: ctx.user.timeZone ?? "UTC" });
  },
});
