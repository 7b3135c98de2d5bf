import { z } from "zod";
import { projectCommand } from "../define.js";
import { riskMatrix, riskScore, type RiskSeverity } from "../../domain/risk.js";
import { contextLine, reply, table, text } from "../../views/reply.js";
import { severityOf } from "../../messages/risk.js";

const SEVERITIES: RiskSeverity[] = ["critical", "high", "medium", "low"];

export default projectCommand({
  path: ["risk", "matrix"],
  effect: "read",
  summary: "The open risks on a 5 × 5 probability × impact grid",
  examples: ["risk matrix"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const risks = (await ctx.store.risks.list(ctx.tenant, ctx.project.id, { status: "open" })).filter((r) => r.status === "open");
    if (risks.length === 0) {
      return reply("No open risks", [
        text(`No open risks in ${ctx.project.name}.`),
        contextLine('Add one with `risk add "<title>" p3 i4`.'),
      ]);
    }
    const grid = riskMatrix(risks);
    // Most likely at the top, as the grid is drawn on every risk workshop whiteboard.
    const rows = [5, 4, 3, 2, 1].map((p) => [
      `P${p}`,
      ...[1, 2, 3, 4, 5].map((i) => {
        const n = grid[p - 1]?.[i - 1] ?? 0;
        return n === 0 ? "·" : String(n);
      }),
    ]);
    const counts = SEVERITIES.map((s) => [s, risks.filter((r) => severityOf(r) === s).length] as const);
    const top = Math.max(...risks.map((r) => riskScore(r.probability, r.impact)));
    const line = counts.map(([s, n]) => `${s} ${n}`).join(" · ");
    return reply(`Risk matrix: ${risks.length} open (${line})`, [
      table(["P \\ I", "I1", "I2", "I3", "I4", "I5"], rows),
      text(`${risks.length} open ${risks.length === 1 ? "risk" : "risks"}: ${line}.`),
      contextLine(`Highest score ${top}. Score = probability × impact; 15+ is critical, 10-14 high, 5-9 medium.`),
    ]);
  },
});
