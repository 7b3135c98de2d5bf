/** The KPI a command names, or the reply that says it does not exist (with the nearest name). */
import type { ProjectCommandContext } from "../commands/define.js";
import { echo } from "../grammar/echo.js";
import { suggest } from "../grammar/suggest.js";
import type { KpiWithReadings } from "../store.js";
import { contextLine, rejection, text, type Reply } from "../views/reply.js";

export async function findKpi(
  ctx: ProjectCommandContext,
  name: string,
  readings: number,
): Promise<{ kpi: KpiWithReadings } | { missing: Reply }> {
  const { project } = ctx;
  const kpis = await ctx.store.kpis.list(ctx.tenant, project.id, readings);
  const key = (n: string) => n.trim().normalize("NFC").toLowerCase();
  const kpi = kpis.find((k) => key(k.name) === key(name));
  if (kpi) return { kpi };
  if (kpis.length === 0) {
    const message = `${project.name} has no KPIs yet.`;
    return { missing: rejection(message, [text(message), contextLine('Define one first: `kpi add "<name>" target <number>[unit]`.')]) };
  }
  const near = suggest(
    name,
    kpis.map((k) => k.name),
  );
  const message = `There is no KPI called "${echo(name)}" in ${project.name}.${near ? ` Did you mean "${near}"?` : ""}`;
  return { missing: rejection(message, [text(message), contextLine(`KPIs: ${kpis.map((k) => k.name).join(", ")}.`)]) };
}
