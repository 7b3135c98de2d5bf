/**
 * The weekly status report a project manager sends on Fridays: done this
 * week, open work with owners and deadlines, milestones, budget, change
 * requests, top risks, KPIs and standup participation. Rendered on demand by `report` and on a
 * schedule by the scheduler, from a fixed number of queries (see load.ts).
 */
import { addDays, formatDate } from "../domain/dates.js";
import { percent } from "../domain/money.js";
import { at } from "../commands/shared.js";
import type { Project } from "../store.js";
import { contextLine, fields, heading, reply, type Reply } from "../views/reply.js";
import { loadDigestData, loadMembers, type DigestSource } from "./load.js";
import {
  budgetSection,
  changesMemberIds,
  changesSection,
  kpisSection,
  milestonesSection,
  risksSection,
  selectDigest,
  standupMemberIds,
  standupSection,
  tasksSection,
  tasksMemberIds,
  type Week,
} from "./sections.js";
import { DIGEST_LIST_CAP } from "./cap.js";
import { digestCharts } from "./charts.js";
import type { ChartKind } from "../charts/index.js";

export type { DigestSource } from "./load.js";

export interface DigestOptions {
  /** Last day of the report (ISO date), usually today in the project's zone. */
  today: string;
  /** First day of the report; default the 7 days ending today. */
  weekStart?: string;
  /** Zone for turning completion instants into days; default UTC. */
  zone?: string;
  /** Charts drawn at the end, as images (the scheduled digest's are DIGEST_CHARTS); none by default. */
  charts?: readonly ChartKind[];
}

export async function weeklyDigest(source: DigestSource, project: Project, options: DigestOptions): Promise<Reply> {
  const week: Week = { from: options.weekStart ?? addDays(options.today, -6), to: options.today, zone: options.zone ?? "UTC" };
  const data = await loadDigestData(source, project, { from: week.from, to: week.to });
  const sel = selectDigest(data, week);
  // The manager is always named, so the digest makes the same calls for an empty project as for a busy one.
  const members = await loadMembers(source, [
    project.managerId,
    ...tasksMemberIds(sel, DIGEST_LIST_CAP),
    ...sel.topRisks.map((r) => r.ownerId),
    ...standupMemberIds(data),
    ...changesMemberIds(sel, DIGEST_LIST_CAP),
  ]);

  const open = `${sel.open.length} open${sel.overdue ? ` (${sel.overdue} overdue)` : ""}`;
  const budgetLine = data.budget.total === null ? "not set" : `${percent(data.totals.total, data.budget.total)}% used`;
  const blocks = [
    heading(`Weekly status — ${project.name}`),
    contextLine(`${formatDate(week.from)} – ${formatDate(week.to)}`),
    fields([
      ["Manager", at(members.get(project.managerId))],
      ["Done this week", String(sel.completed.length)],
      ["Open", open],
      ["Budget", budgetLine],
      ["Risks", `${data.openRisks.length} open, ${sel.critical} critical`],
      ["Next milestone", sel.nextMilestone ? `${sel.nextMilestone.name} (${formatDate(sel.nextMilestone.dueDate)})` : "—"],
    ]),
    ...tasksSection(sel, members, week.to),
    ...milestonesSection(sel, data, week.to),
    ...budgetSection(project, data, week.to),
    ...changesSection(sel, project, week, members),
    ...risksSection(sel, data, members),
    ...kpisSection(data, week.to),
    ...standupSection(data, week, members),
    ...(options.charts?.length ? await digestCharts(source, project, data, options.charts, week) : []),
  ];
  const summary = `Weekly status of ${project.name}: ${sel.completed.length} done, ${open}, budget ${budgetLine}`;
  return reply(summary, blocks);
}
