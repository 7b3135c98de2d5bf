import { z } from "zod";
import { DateTime } from "luxon";
import { tenantCommand } from "../define.js";
import { fields } from "../fields.js";
import { echo } from "../../grammar/echo.js";
import { at, joinWords, membersById, money, ref } from "../shared.js";
import { percent } from "../../domain/money.js";
import { riskScore, riskSeverity } from "../../domain/risk.js";
import { formatDate, todayIn } from "../../domain/dates.js";
import { memberZone } from "../../domain/quiet-hours.js";
import { contextLine, fields as fieldsBlock, heading, list, rejection, reply } from "../../views/reply.js";
import { charterApproverIds } from "../../authorization.js";
import type { Member, ProjectRole } from "../../store.js";

/** "Owners: @pat", "Managers: @sam, @lee" (no Managers line when there are none). */
export function roleFacts(roles: readonly ProjectRole[], people: ReadonlyMap<string, Member>): [string, string][] {
  const names = (role: ProjectRole["role"]) => roles.filter((r) => r.role === role).map((r) => at(people.get(r.memberId)));
  const facts: [string, string][] = [["Owners", joinWords(names("owner")) || "—"]];
  if (names("manager").length) facts.push(["Managers", joinWords(names("manager"))]);
  return facts;
}

export default tenantCommand({
  path: ["project", "show"],
  summary: "Show a project at a glance: budget, timeline, tasks, risks, milestones",
  examples: ["project show", 'project show "Apollo"'],
  params: [{ at: "rest", name: "name", label: "name" }],
  input: () => z.object({ name: fields.text("project name", 80).optional() }),
  async run(ctx, input) {
    const project = input.name
      ? await ctx.store.projects.findByName(ctx.tenant, input.name)
      : await ctx.store.projects.forChannel(ctx.tenant, ctx.channel.id);
    if (!project) {
      return rejection(
        input.name
          ? `There is no project called "${echo(input.name)}".`
          : 'This channel isn\'t linked to a project. Try `project show "<name>"` or `project list`.',
      );
    }
    const [roles, totals, tasks, risks, milestones, charter, stakeholders, closeOut] = await Promise.all([
      ctx.store.roles.list(ctx.tenant, project.id),
      ctx.store.costs.totals(ctx.tenant, project.id),
      ctx.store.tasks.list(ctx.tenant, project.id),
      ctx.store.risks.list(ctx.tenant, project.id, { status: "open" }),
      ctx.store.milestones.list(ctx.tenant, project.id),
      ctx.store.charters.latest(ctx.tenant, project.id),
      ctx.store.stakeholders.list(ctx.tenant, project.id),
      project.status === "closed" ? ctx.store.closeOuts.get(ctx.tenant, project.id) : Promise.resolve(null),
    ]);
    const open = tasks.filter((t) => t.status !== "done");
    const overdue = open.filter((t) => t.dueDate && t.dueDate < ctx.env.today);
    const critical = risks.filter((r) => riskSeverity(riskScore(r.probability, r.impact)) === "critical");
    const next = milestones.filter((m) => !m.doneAt).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    const budget =
      project.budgetTotal === null
        ? `not set (spent ${money(totals.total, project.currency)})`
        : `${money(totals.total, project.currency)} of ${money(project.budgetTotal, project.currency)} (${percent(totals.total, project.budgetTotal)}%)`;
    const approvers = charterApproverIds(roles, stakeholders);
    const approvedBy = await membersById(ctx, [...(charter?.approvals.map((a) => a.memberId) ?? []), ...roles.map((r) => r.memberId)]);
    const charterText = charter
      ? `v${charter.version}, ${charter.approvals.length ? `approved by ${joinWords(charter.approvals.map((a) => at(approvedBy.get(a.memberId))))}` : "not approved yet"}` +
        ` (${charter.approvals.filter((a) => approvers.includes(a.memberId)).length} of ${approvers.length} approvers)`
      : "none yet (`project charter` writes it)";
    const closedOn = closeOut ? todayIn(memberZone(ctx.user.timeZone), DateTime.fromJSDate(closeOut.closedAt)) : null;
    const facts: [string, string][] = [
      ["Status", closedOn ? `closed ${formatDate(closedOn)} (archived, read-only)` : project.status],
      ...roleFacts(roles, approvedBy),
      ["Timeline", `${project.startDate ?? "?"} → ${project.endDate ?? "?"}`],
      ["Budget", budget],
      ["Tasks", `${tasks.length - open.length} done, ${open.length} open, ${overdue.length} overdue`],
      ["Risks", `${risks.length} open, ${critical.length} critical`],
      ["Next milestone", next ? `${ref(next.number)} ${next.name} (${next.dueDate})` : "—"],
      ["Charter", charterText],
    ];
    const blocks = [heading(project.name), fieldsBlock(facts)];
    if (critical.length)
      blocks.push(list(critical.map((r) => `${ref(r.number)} ${r.title} — score ${riskScore(r.probability, r.impact)}`)));
    blocks.push(contextLine("`budget`, `task list`, `risk list` and `milestone list` show the details."));
    return reply(`Project ${project.name}`, blocks);
  },
});
