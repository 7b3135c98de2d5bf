import { z } from "zod";
import { projectCommand } from "../define.js";
import { contextLine, reply, table, text } from "../../views/reply.js";
import { at, membersById } from "../shared.js";
import { formatDate } from "../../domain/dates.js";
import { formatValue, onTrack, targetText, trend } from "../../messages/kpi.js";

export default projectCommand({
  path: ["kpi", "list"],
  effect: "read",
  summary: "The project's KPIs: latest reading, target, on or off track, trend, deadline and owner",
  examples: ["kpi list"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { project } = ctx;
    const kpis = await ctx.store.kpis.list(ctx.tenant, project.id, 2);
    if (kpis.length === 0) {
      return reply("No KPIs", [
        text(`No KPIs in ${project.name} yet.`),
        contextLine('Add one with `kpi add "<name>" target <number>[unit] [higher|lower]`.'),
      ]);
    }
    const owners = await membersById(
      ctx,
      kpis.map((k) => k.ownerId),
    );
    const today = ctx.env.today;
    let off = 0;
    const rows = kpis.map((k) => {
      const [latest, previous] = k.readings;
      const deadline = k.deadline ? `${formatDate(k.deadline)}${k.deadline < today ? " (passed)" : ""}` : "—";
      const owner = k.ownerId ? at(owners.get(k.ownerId)) : "—";
      if (!latest) return [k.name, "—", targetText(k), "no readings", "—", deadline, owner];
      const good = onTrack(k, latest.value);
      if (!good) off++;
      const moved = trend(k, latest.value, previous?.value);
      return [
        k.name,
        formatValue(latest.value, k.unit),
        targetText(k),
        good ? "on track" : "⚠ off track",
        moved ? `${moved.arrow} ${moved.word}` : "—",
        deadline,
        owner,
      ];
    });
    const summary = `${kpis.length} ${kpis.length === 1 ? "KPI" : "KPIs"}${off ? `, ${off} off track` : ""}`;
    return reply(summary, [
      table(["KPI", "Latest", "Target", "Status", "Trend", "Deadline", "Owner"], rows),
      contextLine(`${summary}. \`kpi show <name>\` for the readings over time.`),
    ]);
  },
});
