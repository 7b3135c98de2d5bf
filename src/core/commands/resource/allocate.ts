import { z } from "zod";
import { projectCommand, type ProjectCommandContext } from "../define.js";
import { fields } from "../fields.js";
import { at, memberFor } from "../shared.js";
import { overAllocations } from "../../domain/allocation.js";
import type { Allocation, Member, Project } from "../../store.js";
import { list, reply, text } from "../../views/reply.js";

/** "2026-03-01 to 2026-03-31", "from 2026-03-01", "until 2026-03-31", "with no end date". */
export function periodText(from: string | null, to: string | null): string {
  if (from && to) return `${from} to ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return "with no end date";
}

const overlaps = (a: Allocation, from: string | null, to: string | null) =>
  (a.fromDate === null || to === null || a.fromDate <= to) && (a.toDate === null || from === null || a.toDate >= from);

/**
 * One line per period in which the member is booked over 100 % across the
 * tenant's projects, limited to periods touching `projectId`, naming each project and its share.
 */
export async function overAllocationWarnings(ctx: ProjectCommandContext, member: Member, projectId: string): Promise<string[]> {
  const all = await ctx.store.allocations.forMember(ctx.tenant, member.id);
  const periods = overAllocations(all, member.id).filter((o) => o.projectIds.includes(projectId));
  if (periods.length === 0) return [];
  const ids = [...new Set(periods.flatMap((o) => o.projectIds))];
  const projects = new Map<string, Project | null>(
    await Promise.all(ids.map(async (id) => [id, await ctx.store.projects.get(ctx.tenant, id)] as const)),
  );
  return periods.map((o) => {
    // This project first, then the others by name.
    const shares = all
      .filter((a) => o.projectIds.includes(a.projectId) && overlaps(a, o.from, o.to))
      .map((a) => ({ here: a.projectId === projectId, name: projects.get(a.projectId)?.name ?? "another project", percent: a.percent }))
      .sort((a, b) => Number(b.here) - Number(a.here) || a.name.localeCompare(b.name))
      .map((a) => `${a.name} ${a.percent}%`);
    return `⚠ ${at(member)} is booked ${o.total}% ${periodText(o.from, o.to)}: ${shares.join(", ")}.`;
  });
}

export default projectCommand({
  path: ["resource", "allocate"],
  permission: "manager",
  permissionAction: "allocate people to it",
  summary: "Book someone's time on the project (replaces their earlier allocation here)",
  examples: ["resource allocate @bob 50%", "resource allocate @carol 80% from 2026-03-02 to 2026-03-27"],
  formTitle: "Allocate a person",
  notes: ["Warns when someone is booked over 100% across projects; the allocation is saved anyway."],
  params: [
    { at: "typed", name: "member", label: "user", type: "mention", required: true },
    { at: "slot", name: "percent", label: "n%", type: "percent", required: true, hint: "1% to 100%" },
    { at: "keyword", name: "from", keywords: ["from"], type: "date", label: "date" },
    { at: "keyword", name: "to", keywords: ["to"], type: "date", label: "date" },
  ],
  input: (env) =>
    z
      .object({
        member: fields.mention(),
        percent: fields
          .percent()
          .refine((n) => n >= 1 && n <= 100, { error: "An allocation is from 1% to 100% of someone's time." })
          .refine(Number.isInteger, { error: "Use a whole percent, like 50%." }),
        from: fields.date(env).optional(),
        to: fields.date(env).optional(),
      })
      .refine((a) => !a.from || !a.to || a.to >= a.from, { path: ["to"], error: "The end date is before the start date." }),
  async run(ctx, input) {
    const { project } = ctx;
    const member = await memberFor(ctx, input.member);
    const before = (await ctx.store.allocations.list(ctx.tenant, project.id)).find((a) => a.memberId === member.id);
    const saved = await ctx.store.allocations.allocate(ctx.scope, project.id, {
      memberId: member.id,
      percent: input.percent,
      fromDate: input.from ?? null,
      toDate: input.to ?? null,
    });
    const was = before ? ` (was ${before.percent}% ${periodText(before.fromDate, before.toDate)})` : "";
    const blocks = [
      text(`Allocated ${at(member)} to ${project.name} at ${saved.percent}% ${periodText(saved.fromDate, saved.toDate)}${was}.`),
    ];
    const warnings = await overAllocationWarnings(ctx, member, project.id);
    if (warnings.length) blocks.push(list(warnings));
    const summary = `Allocated ${at(member)} ${saved.percent}% to ${project.name}${warnings.length ? " (over-allocated)" : ""}`;
    return reply(summary, blocks, "channel");
  },
});
