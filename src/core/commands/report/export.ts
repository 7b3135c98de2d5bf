import { z } from "zod";
import { projectCommand } from "../define.js";
import { exportFiles } from "../../export/csv.js";
import { exportTables } from "../../export/tables.js";
import { contextLine, file, reply, text } from "../../views/reply.js";

const WORDS = { tasks: ["task", "tasks"], costs: ["cost", "costs"], risks: ["risk", "risks"], kpis: ["KPI", "KPIs"] } as const;
const count = (n: number, [one, many]: readonly [string, string]): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export default projectCommand({
  path: ["report", "export"],
  effect: "read",
  summary: "The project's tasks, costs, risks and KPIs as CSV files, one file each",
  examples: ["report export csv"],
  notes: [
    "Files: tasks.csv, costs.csv, risks.csv, kpis.csv — UTF-8 with a byte-order mark, a header row, RFC 4180 quoting, CRLF line ends, columns in a fixed order.",
    "Dates are YYYY-MM-DD, times ISO 8601 UTC; amounts are decimals in major units (1234.50) with the currency in its own column.",
    "A text that a spreadsheet would run as a formula (starting with = + - @) gets one apostrophe in front; `charter import costs` removes it again.",
    "costs.csv imports back with `charter import costs <file.csv>`.",
  ],
  params: [{ at: "flag", name: "format", label: "format", words: ["csv"], required: true }],
  input: () => z.object({ format: z.literal("csv") }),
  async run(ctx) {
    const { project } = ctx;
    const files = exportFiles(await exportTables(ctx.store, ctx.tenant, project), "csv");
    const counts = files.map((f) => count(f.rows, WORDS[f.entity]));
    const summary = `Exported ${project.name}: ${counts.join(", ")}`;
    return reply(summary, [
      text(`${summary}.`),
      ...files.map((f) => file(f.name, `${project.name} — ${f.entity === "kpis" ? "KPIs" : f.entity}`, f.mediaType, f.bytes)),
      contextLine("One CSV file each, columns in a fixed order; `help report export` describes them."),
    ]);
  },
});
