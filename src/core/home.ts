/**
 * A member's overview across the workspace's projects: their open tasks,
 * each active project's budget, the top risks and the next milestones, with
 * buttons for the everyday forms. Slack shows it in App Home.
 */
import type { Context } from "./context.js";
import { percent } from "./domain/money.js";
import { riskScore, riskSeverity } from "./domain/risk.js";
import { relativeDue, todayIn } from "./domain/dates.js";
import { money, ref } from "./commands/shared.js";
import { inProject } from "./grammar/quote.js";
import { actions, contextLine, heading, list, progress, reply, text, type Block, type Reply } from "./views/reply.js";

const SHOWN = 8;

export async function homeOverview(ctx: Context): Promise<Reply> {
  const today = todayIn(ctx.user.timeZone ?? "UTC", ctx.now());
  const projects = (await ctx.store.projects.list(ctx.tenant)).filter((p) => p.status === "active");
  const blocks: Block[] = [heading(`Hi ${ctx.user.name} — here is where things stand`)];
  if (projects.length === 0) {
    blocks.push(text('No projects yet. Start one in a channel with `/pm project create "<name>"`.'));
    return reply("Charter home", blocks);
  }

  const perProject = await Promise.all(
    projects.map(async (p) => ({
      project: p,
      mine: await ctx.store.tasks.list(ctx.tenant, p.id, { status: ["todo", "in_progress"], assigneeId: ctx.user.id }),
      totals: await ctx.store.costs.totals(ctx.tenant, p.id),
      risks: await ctx.store.risks.list(ctx.tenant, p.id, { status: "open" }),
      milestones: (await ctx.store.milestones.list(ctx.tenant, p.id)).filter((m) => !m.doneAt),
    })),
  );

  const tasks = perProject
    .flatMap(({ project, mine }) => mine.map((t) => ({ t, project })))
    .sort((a, b) => (a.t.dueDate ?? "9999").localeCompare(b.t.dueDate ?? "9999"));
  blocks.push(heading("Your open tasks"));
  blocks.push(
    tasks.length
      ? list(
          tasks
            .slice(0, SHOWN)
            .map(
              ({ t, project }) => `${ref(t.number)} ${t.title} — ${project.name}${t.dueDate ? `, ${relativeDue(t.dueDate, today)}` : ""}`,
            ),
        )
      : text("Nothing assigned to you. :tada:"),
  );
  if (tasks.length > SHOWN) blocks.push(contextLine(`and ${tasks.length - SHOWN} more — \`/pm task list mine\` in a project channel.`));

  blocks.push(heading("Budgets"));
  for (const { project, totals } of perProject) {
    if (project.budgetTotal === null || project.budgetTotal === 0n) {
      blocks.push(contextLine(`${project.name}: no budget set, ${money(totals.total, project.currency)} spent.`));
      continue;
    }
    const used = percent(totals.total, project.budgetTotal);
    blocks.push(
      progress(
        `${project.name}: ${money(totals.total, project.currency)} of ${money(project.budgetTotal, project.currency)}`,
        used / 100,
        used >= 100 ? "bad" : used >= 80 ? "warn" : "ok",
      ),
    );
  }

  const risks = perProject
    .flatMap(({ project, risks }) => risks.map((r) => ({ r, project, score: riskScore(r.probability, r.impact) })))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
  if (risks.length) {
    blocks.push(heading("Top risks"));
    blocks.push(
      list(risks.map(({ r, project, score }) => `${ref(r.number)} ${r.title} — ${project.name}, score ${score} (${riskSeverity(score)})`)),
    );
  }

  const next = perProject
    .flatMap(({ project, milestones }) => milestones.map((m) => ({ m, project })))
    .sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate))
    .slice(0, 5);
  if (next.length) {
    blocks.push(heading("Next milestones"));
    blocks.push(list(next.map(({ m, project }) => `${m.name} — ${project.name}, ${relativeDue(m.dueDate, today)}`)));
  }

  // Buttons open the forms of the first projects; `in` names the project since Home has no channel.
  for (const { project } of perProject.slice(0, 3)) {
    const where = inProject(project.name);
    blocks.push(
      actions([
        { label: `Add task · ${project.name}`, command: `task add ${where}` },
        { label: "Log a cost", command: `cost add ${where}` },
        { label: "Add a risk", command: `risk add ${where}` },
      ]),
    );
  }
  return reply("Charter home", blocks);
}
