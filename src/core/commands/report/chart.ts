import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { echo } from "../../grammar/echo.js";
import { CHART_KINDS, KPI_CHART_READINGS, drawChart, loadChartData } from "../../charts/index.js";
import { isValidZone } from "../../domain/dates.js";
import { contextLine, image, rejection, reply, text } from "../../views/reply.js";
import { findKpi } from "../../lookups/kpi.js";

const WHAT: Record<(typeof CHART_KINDS)[number], string> = {
  burn: "budget burn-up: planned vs actual cumulative cost, with the forecast at completion",
  categories: "spend by cost category against the budget lines",
  risks: "open risks on the 5 x 5 probability x impact grid",
  burndown: "open tasks per day against an ideal line to the end date",
  kpi: "KPI readings over time against their targets",
};

export default projectCommand({
  path: ["report", "chart"],
  effect: "read",
  summary: "A chart of the project as a picture: budget burn-up, spend by category, risk heat map, task burndown or KPI trend",
  examples: [
    "report chart burn",
    "report chart categories",
    "report chart risks",
    "report chart burndown",
    "report chart kpi",
    "report chart kpi Uptime",
  ],
  notes: [
    ...CHART_KINDS.map((kind) => `\`${kind}\`: ${WHAT[kind]}.`),
    "The chart is posted for the channel to see: uploaded in Slack, shown in the card in Teams, saved to a file by the shell.",
  ],
  params: [
    // Optional to the parser so that a wrong word gets the list of charts below, not a bare usage line.
    { at: "flag", name: "kind", label: "chart", placeholder: CHART_KINDS.join("|"), words: CHART_KINDS },
    { at: "rest", name: "kpi", label: "KPI name" },
  ],
  input: () => z.object({ kind: z.enum(CHART_KINDS).optional(), kpi: fields.text("KPI name", 80).optional() }),
  async run(ctx, input) {
    const { project } = ctx;
    if (!input.kind) {
      const asked = input.kpi ? `"${echo(input.kpi)}" is not a chart I can draw.` : "Which chart?";
      const message = `${asked} Choose one: ${CHART_KINDS.map((k) => `\`report chart ${k}\``).join(", ")}.`;
      return rejection(message, [text(message), ...CHART_KINDS.map((k) => contextLine(`\`${k}\`: ${WHAT[k]}`))]);
    }
    if (input.kpi && input.kind !== "kpi") return rejection(`Only \`report chart kpi\` takes a name; try \`report chart ${input.kind}\`.`);
    const data = await loadChartData(ctx, project);
    if (input.kind === "kpi" && input.kpi) {
      const found = await findKpi(ctx, input.kpi, KPI_CHART_READINGS);
      if ("missing" in found) return found.missing;
      data.kpis = [found.kpi];
    }
    const zone = isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : "UTC";
    const chart = await drawChart(input.kind, project, data, { today: ctx.env.today, zone });
    if ("empty" in chart) return reply(chart.empty, [text(chart.empty)]);
    return reply(chart.alt, [image(chart.alt, chart.png), contextLine(`${chart.title} · as of ${ctx.env.today}`)], "channel");
  },
});
