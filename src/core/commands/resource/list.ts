import { z } from "zod";
import { projectCommand } from "../define.js";
import { at, membersById } from "../shared.js";
import { contextLine, list, reply, table, text } from "../../views/reply.js";
import { overAllocationWarnings } from "./allocate.js";

export default projectCommand({
  path: ["resource", "list"],
  effect: "read",
  summary: "Who is booked on the project and for how much, with over-allocation warnings",
  examples: ["resource list"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    const allocations = await ctx.store.allocations.list(ctx.tenant, project.id);
    if (allocations.length === 0) {
      return reply("No allocations", [
        text(`Nobody is allocated to ${project.name} yet.`),
        contextLine("Book someone with `resource allocate @user 50%`."),
      ]);
    }
    const members = await membersById(
      ctx,
      allocations.map((a) => a.memberId),
    );
    const sorted = [...allocations].sort((a, b) =>
      (members.get(a.memberId)?.name ?? "").localeCompare(members.get(b.memberId)?.name ?? ""),
    );
    const rows = sorted.map((a) => [at(members.get(a.memberId)), `${a.percent}%`, a.fromDate ?? "—", a.toDate ?? "—"]);
    // One lookup per person: a project has a handful of people, not hundreds.
    const warnings = (
      await Promise.all(
        sorted
          .map((a) => members.get(a.memberId))
          .filter((m) => m !== undefined)
          .map((m) => overAllocationWarnings(ctx, m, project.id)),
      )
    ).flat();
    const fte = allocations.reduce((sum, a) => sum + a.percent, 0) / 100;
    const people = `${allocations.length} ${allocations.length === 1 ? "person" : "people"}, ${Math.round(fte * 100) / 100} FTE`;
    const blocks = [table(["Member", "%", "From", "To"], rows), contextLine(people)];
    if (warnings.length) blocks.push(list(warnings));
    return reply(
      `Allocations: ${people}${warnings.length ? `, ${warnings.length} over-allocation ${warnings.length === 1 ? "warning" : "warnings"}` : ""}`,
      blocks,
    );
  },
});
