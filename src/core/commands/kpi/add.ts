import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import type { Kpi, KpiDirection } from "../../store.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";

const DIRECTIONS = ["higher", "lower"] as const;
const PREFIX_UNITS = new Set(["$", "€", "£", "¥"]);
const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** 99.2%, 200ms, $5,000, 4.5. */
export function formatValue(value: number, unit: string | null): string {
  if (!unit) return number.format(value);
  if (PREFIX_UNITS.has(unit)) return `${value < 0 ? "-" : ""}${unit}${number.format(Math.abs(value))}`;
  return `${number.format(value)}${unit}`;
}

/** "≥ 99.9%" for higher-is-better, "≤ 200ms" for lower-is-better. */
export const targetText = (k: Pick<Kpi, "target" | "unit" | "direction">): string =>
  `${k.direction === "higher" ? "≥" : "≤"} ${formatValue(k.target, k.unit)}`;

export const onTrack = (k: Pick<Kpi, "target" | "direction">, value: number): boolean =>
  k.direction === "higher" ? value >= k.target : value <= k.target;

/** ↑ ↓ → against the previous reading; "better"/"worse" follows the KPI's direction. */
export function trend(k: Pick<Kpi, "direction">, value: number, previous: number | undefined): { arrow: string; word: string } | null {
  if (previous === undefined) return null;
  if (value === previous) return { arrow: "→", word: "unchanged" };
  const up = value > previous;
  const better = up === (k.direction === "higher");
  return { arrow: up ? "↑" : "↓", word: better ? "better" : "worse" };
}

export const directionText = (d: KpiDirection): string => (d === "higher" ? "higher is better" : "lower is better");

export default projectCommand({
  path: ["kpi", "add"],
  summary: "Define a KPI with its target and whether higher or lower is better",
  examples: ["kpi add Uptime target 99.9%", 'kpi add "Page load time" target 200ms lower', "kpi add Velocity target 30"],
  formTitle: "New KPI",
  notes: ["Higher is better unless you say `lower`."],
  params: [
    { at: "rest", name: "name", label: "name", required: true },
    { at: "keyword", name: "target", keywords: ["target"], type: "number", label: "number[unit]", required: true, hint: "95%, 200ms or 4.5" },
    { at: "flag", name: "direction", label: "direction", words: DIRECTIONS },
  ],
  input: () =>
    z.object({
      name: fields.text("KPI name", 80),
      target: fields.numberWithUnit(),
      direction: fields.choice(DIRECTIONS, "direction").optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const existing = await ctx.store.kpis.findByName(ctx.tenant, project.id, input.name);
    if (existing) {
      const message = `${project.name} already has a KPI called "${existing.name}" (target ${targetText(existing)}).`;
      return rejection(message, [text(message), contextLine(`Record a reading with \`kpi record ${existing.name} <value>\`.`)]);
    }
    const kpi = await ctx.store.kpis.add(ctx.scope, project.id, {
      name: input.name,
      target: input.target.value,
      unit: input.target.unit,
      direction: input.direction ?? "higher",
    });
    return reply(
      `Added KPI ${kpi.name} (target ${targetText(kpi)})`,
      [
        text(`Added KPI *${kpi.name}*: target ${targetText(kpi)} (${directionText(kpi.direction)}).`),
        contextLine(`Record readings with \`kpi record ${kpi.name} <value>\`.`),
      ],
      "channel",
    );
  },
});
