import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, membersById, ref } from "../shared.js";
import { riskScore } from "../../domain/risk.js";
import type { Risk } from "../../store.js";
import { contextLine, reply, table, text } from "../../views/reply.js";
import { severityOf } from "../../messages/risk.js";

const SHOWN = 40;
const WHICH = ["open", "closed", "all"] as const;

const byScoreThenNumber = (a: Risk, b: Risk) =>
  riskScore(b.probability, b.impact) - riskScore(a.probability, a.impact) || a.number - b.number;

export default projectCommand({
  path: ["risk", "list"],
  effect: "read",
  summary: "The risk register, highest score first (open risks unless you say closed or all)",
  examples: ["risk list", "risk list all"],
  params: [{ at: "flag", name: "which", label: "which", words: WHICH }],
  input: () => z.object({ which: fields.choice(WHICH, "risk filter").optional() }),
  async run(ctx, input) {
    const { project } = ctx;
    const which = input.which ?? "open";
    const today = ctx.env.today;
    const risks = (await ctx.store.risks.list(ctx.tenant, project.id, which === "all" ? undefined : { status: which }))
      .filter((r) => which === "all" || r.status === which)
      .sort(byScoreThenNumber);
    const label = `${which === "all" ? "" : `${which} `}risks`;
    const counted = `${risks.length} ${risks.length === 1 ? label.replace(/s$/, "") : label}`;
    if (risks.length === 0) {
      return reply(`No ${label}`, [
        text(`No ${label} in ${project.name}.`),
        contextLine(which === "open" ? 'Add one with `risk add "<title>" p3 i4 owner @user`.' : "`risk list all` shows every risk."),
      ]);
    }
    const shown = risks.slice(0, SHOWN);
    const owners = await membersById(
      ctx,
      shown.map((r) => r.ownerId),
    );
    const rows = shown.map((r) => [
      ref(r.number),
      r.title,
      String(r.probability),
      String(r.impact),
      String(riskScore(r.probability, r.impact)),
      severityOf(r) + (which === "all" && r.status === "closed" ? " (closed)" : ""),
      r.ownerId ? at(owners.get(r.ownerId)) : "—",
      r.reviewDate ? `${r.reviewDate}${r.status === "open" && r.reviewDate < today ? " ⚠ overdue" : ""}` : "—",
    ]);
    const open = risks.filter((r) => r.status === "open");
    const critical = open.filter((r) => severityOf(r) === "critical").length;
    const reviewsDue = open.filter((r) => r.reviewDate && r.reviewDate < today).length;
    const facts = [counted];
    if (critical) facts.push(`${critical} critical`);
    if (reviewsDue) facts.push(`${reviewsDue} past ${reviewsDue === 1 ? "its" : "their"} review date`);
    const blocks = [table(["#", "Risk", "P", "I", "Score", "Severity", "Owner", "Review"], rows), contextLine(facts.join(" · "))];
    if (risks.length > SHOWN)
      blocks.push(contextLine(`Showing the ${SHOWN} highest of ${risks.length}. \`risk matrix\` shows them all at a glance.`));
    return reply(
      facts.join(", ").replace(/^./, (c) => c.toUpperCase()),
      blocks,
    );
  },
});
