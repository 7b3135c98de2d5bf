/**
 * `project close`: the post-mortem form, then the final report built from
 * the project's records (domain/close-out.ts), stored with the post-mortem
 * as the project is archived, posted to the project's channels and sent to
 * each stakeholder by direct message. Who may close it, and that it is not
 * closed already, are checked again in the transaction that closes it.
 */
import { channelRef } from "../../views/references.js";
import { z } from "zod";
import { DateTime } from "luxon";
import { charterContent, splitItems } from "../../domain/charter.js";
import { closeRefusal, finalReport } from "../../domain/close-out.js";
import { withRole } from "../../authorization.js";
import { directMessage } from "../../domain/quiet-hours.js";
import { projectCommand, type CommandDef, type ProjectCommandContext } from "../define.js";
import { fields } from "../fields.js";
import { formFor } from "../form.js";
import { joinWords, membersById } from "../shared.js";
import type { CloseOut, PostMortem, Project } from "../../store.js";
import type { Reply } from "../../views/reply.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";
import { finalReportReply } from "../../messages/close-report.js";

const REQUIRED = [
  ["wentWell", "Say what went well (one item per line)."],
  ["didNotGoWell", "Say what did not go well (one item per line)."],
  ["lessons", "Write down the lessons learned (one item per line)."],
] as const;

const part = (label: string) => fields.text(label, 3000).optional();

const ACTION = "close it";

function openForm(ctx: ProjectCommandContext): Reply {
  const base = formFor(command);
  const required = new Set<string>(REQUIRED.map(([name]) => name));
  const form = {
    ...base,
    project: ctx.project.name,
    submitLabel: "Close project",
    fields: base.fields.map((f) => ({ ...f, required: required.has(f.name) })),
  };
  const message = `Closing ${ctx.project.name}: fill in the post-mortem. Saving it archives the project and posts the final report.`;
  return rejection(message, [text(message)], form);
}

/** Where the final report goes: the project's linked channels, else this one. */
async function reportChannels(ctx: ProjectCommandContext): Promise<string[]> {
  const linked = await ctx.store.projects.channels(ctx.tenant, ctx.project.id);
  return linked.length ? linked : [ctx.channel.id];
}

async function buildReport(ctx: ProjectCommandContext, project: Project) {
  const { tenant } = ctx;
  const closedOn = ctx.env.today;
  const from = project.startDate ?? DateTime.fromJSDate(project.createdAt).toUTC().toISODate()!;
  const [charter, tasks, milestones, budget, totals, risks, kpis, answers, approved] = await Promise.all([
    ctx.store.charters.latest(tenant, project.id),
    ctx.store.tasks.list(tenant, project.id),
    ctx.store.milestones.list(tenant, project.id),
    ctx.store.budgets.get(tenant, project.id),
    ctx.store.costs.totals(tenant, project.id),
    ctx.store.risks.list(tenant, project.id),
    ctx.store.kpis.list(tenant, project.id, 1),
    ctx.store.standups.answersBetween(tenant, project.id, { from: from < closedOn ? from : closedOn, to: closedOn }),
    ctx.store.changes.list(tenant, project.id, { status: ["approved"] }),
  ]);
  return finalReport({
    project,
    closedOn,
    zone: ctx.user.timeZone ?? "UTC",
    objectives: charterContent(charter?.content ?? null).objectives,
    charterVersion: charter?.version ?? null,
    tasks,
    milestones,
    budget,
    spent: totals.total,
    approvedScheduleDays: approved.reduce((sum, c) => sum + (c.scheduleDays ?? 0), 0),
    risks,
    kpis: kpis.map((k) => ({ ...k, latest: k.readings[0]?.value ?? null })),
    standupAnswers: answers,
  });
}

const command: CommandDef = projectCommand({
  path: ["project", "close"],
  permission: "manager",
  permissionAction: ACTION,
  summary: "Close the project: post-mortem form, final report to the channel and the stakeholders, then archived (read-only)",
  examples: [
    'project close well "Weekly demos; Early load tests" not-well "Vendor API came late" lessons "Book vendors earlier" follow-ups "Hand over to operations"',
  ],
  formTitle: "Close the project",
  notes: [
    "Without the post-mortem, its form opens: what went well, what did not, lessons learned, follow-ups (one item per line or separated by `;`).",
    "The final report compares the charter's objectives with tasks done and milestones hit, and shows schedule and budget variance, risks that materialised, KPI results and team participation.",
    "It is posted to the project's channels and sent to each stakeholder by direct message. The project is then read-only; its owners and managers reopen it with `project reopen`.",
    "Only the project's owners and managers can close it.",
  ],
  params: [
    {
      at: "keyword",
      name: "wentWell",
      keywords: ["well"],
      type: "text",
      label: "what went well",
      placeholder: '"<text>"',
      form: "longtext",
      hint: "One per line",
    },
    {
      at: "keyword",
      name: "didNotGoWell",
      keywords: ["not-well"],
      type: "text",
      label: "what did not go well",
      placeholder: '"<text>"',
      form: "longtext",
      hint: "One per line",
    },
    {
      at: "keyword",
      name: "lessons",
      keywords: ["lessons"],
      type: "text",
      label: "lessons learned",
      placeholder: '"<text>"',
      form: "longtext",
      hint: "One per line",
    },
    {
      at: "keyword",
      name: "followUps",
      keywords: ["follow-ups"],
      type: "text",
      label: "follow-ups",
      placeholder: '"<text>"',
      form: "longtext",
      hint: "One per line; who does what after the project",
    },
  ],
  input: () =>
    z
      .object({
        wentWell: part("what went well"),
        didNotGoWell: part("what did not go well"),
        lessons: part("lessons learned"),
        followUps: part("follow-ups"),
      })
      .superRefine((value, issues) => {
        // Nothing at all opens the form; once anything is given, the three questions need answers.
        if (Object.values(value).every((v) => v === undefined)) return;
        for (const [name, message] of REQUIRED) {
          if (value[name] === undefined || splitItems(value[name]).length === 0) issues.addIssue({ code: "custom", path: [name], message });
        }
      }),
  async run(ctx, input) {
    const { project } = ctx;
    if (input.wentWell === undefined) return openForm(ctx);
    const postMortem: PostMortem = {
      wentWell: splitItems(input.wentWell),
      didNotGoWell: splitItems(input.didNotGoWell ?? ""),
      lessons: splitItems(input.lessons ?? ""),
      followUps: input.followUps === undefined ? [] : splitItems(input.followUps),
    };
    const report = await buildReport(ctx, project);
    const closeOutInput = { postMortem, finalReport: report, at: ctx.now().toJSDate() };
    const closed = await withRole(
      ctx,
      project,
      "manager",
      ACTION,
      async (tx, fresh): Promise<{ conflict: string } | { closeOut: CloseOut }> => {
        const conflict = closeRefusal(fresh);
        return conflict ? { conflict } : { closeOut: await tx.closeOuts.close(ctx.scope, fresh.id, closeOutInput) };
      },
    );
    if ("refused" in closed) return closed.refused;
    if ("conflict" in closed.done) return rejection(closed.done.conflict);
    const { closeOut } = closed.done;

    const stakeholders = await ctx.store.stakeholders.list(ctx.tenant, project.id);
    const people = await membersById(ctx, [...report.participation.people.map((p) => p.memberId), ...stakeholders.map((s) => s.memberId)]);
    const message = finalReportReply(project.name, report, postMortem, people);

    // The project is closed already: a failing outbox is logged, not a failed close.
    const key = `close-out:${project.id}:${closeOut.closedAt.getTime()}`;
    const posted: string[] = [];
    for (const channelId of await reportChannels(ctx)) {
      try {
        if ((await ctx.notify.post(ctx.tenant, { channelId, kind: "digest", dedupeKey: `${key}:${channelId}`, reply: message })).created)
          posted.push(channelId);
      } catch (error) {
        ctx.log.error("Could not queue the final report", { key, channelId, error: String(error) });
      }
    }
    let sent = 0;
    for (const s of stakeholders) {
      const member = people.get(s.memberId);
      if (!member) continue;
      try {
        await ctx.notify.post(
          ctx.tenant,
          directMessage(member, ctx.now(), { kind: "digest", dedupeKey: `${key}:dm:${member.id}`, reply: message }),
        );
        sent++;
      } catch (error) {
        ctx.log.error("Could not queue the final report for a stakeholder", { key, memberId: member.id, error: String(error) });
      }
    }
    const where = posted.length
      ? `Posted to ${joinWords(posted.map((id) => (id === ctx.channel.id ? "this channel" : channelRef(id))))}`
      : "Not posted to a channel";
    return reply(`Closed ${project.name}`, [
      text(`Closed *${project.name}*: it is archived and read-only now. \`project reopen\` reopens it.`),
      contextLine(`${where}; sent to ${sent} ${sent === 1 ? "stakeholder" : "stakeholders"} by direct message.`),
      ...message.blocks,
    ]);
  },
});

export default command;
