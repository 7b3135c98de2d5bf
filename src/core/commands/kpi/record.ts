import { z } from "zod";
import { holds, refusal } from "../../authorization.js";
import { projectCommand } from "../define.js";
import { parseNumberWithUnit } from "../../grammar/values.js";
import { contextLine, rejection, reply, text } from "../../views/reply.js";
import { findKpi } from "../../lookups/kpi.js";
import { formatValue, onTrack, targetText, trend } from "../../messages/kpi.js";

const EXAMPLE = "`kpi record Uptime 99.2%`";

/**
 * Name and value arrive split by the binder (a number typed first lands in
 * `value`); joined again, the last number-looking word is the value and the
 * other words are the name, so `kpi record Top 10 conversion 4.5%` works.
 */
function splitReading(name: string, value: string | undefined) {
  const words = [...name.trim().split(/\s+/), ...(value ? value.trim().split(/\s+/) : [])].filter(Boolean);
  for (let i = words.length - 1; i >= 0; i--) {
    const parsed = parseNumberWithUnit(words[i]!);
    if (parsed.ok) return { name: words.filter((_, j) => j !== i).join(" "), reading: parsed.value };
  }
  return { name: words.join(" "), reading: null };
}

export default projectCommand({
  path: ["kpi", "record"],
  summary: "Record a KPI reading; says whether it is on track and which way it moved",
  examples: ["kpi record Uptime 99.2%", "kpi record Velocity 27"],
  formTitle: "Record a KPI reading",
  notes: ["The last number is the value; the words around it name the KPI."],
  params: [
    { at: "rest", name: "name", label: "name", required: true },
    { at: "slot", name: "value", label: "value", type: "number", hint: "99.2%, 180ms or 27" },
  ],
  input: () =>
    z.object({ name: z.string(), value: z.string().optional() }).transform((raw, c) => {
      const { name, reading } = splitReading(raw.name, raw.value);
      if (!reading) {
        c.addIssue({ code: "custom", path: ["value"], message: `Give the reading after the KPI's name, like ${EXAMPLE}.` });
        return z.NEVER;
      }
      if (!name) {
        c.addIssue({ code: "custom", path: ["name"], message: `Say which KPI this reading is for, like ${EXAMPLE}.` });
        return z.NEVER;
      }
      return { name, ...reading };
    }),
  async run(ctx, input) {
    const found = await findKpi(ctx, input.name, 1);
    if ("missing" in found) return found.missing;
    const { kpi } = found;
    // A reading moves the project's figures: its owners and managers record them, and the KPI's owner.
    if (!holds(ctx.authority, "manager") && kpi.ownerId !== ctx.user.id) {
      const also = kpi.ownerId ? { who: `${kpi.name}'s owner`, memberId: kpi.ownerId } : undefined;
      return refusal(ctx, ctx.project, ctx.authority, "manager", `record readings of ${kpi.name}`, also);
    }
    if (input.unit && kpi.unit && input.unit.toLowerCase() !== kpi.unit.toLowerCase()) {
      return rejection(
        `${kpi.name} is measured in ${kpi.unit}, not ${input.unit}. Record it like \`kpi record ${kpi.name} ${formatValue(kpi.target, kpi.unit)}\`.`,
      );
    }

    const previous = kpi.readings[0]?.value;
    await ctx.store.kpis.record(ctx.scope, kpi.id, input.value, ctx.now().toJSDate());
    const good = onTrack(kpi, input.value);
    const wasGood = previous === undefined ? true : onTrack(kpi, previous);
    const moved = trend(kpi, input.value, previous);
    const value = formatValue(input.value, kpi.unit);
    const status = good ? "on track" : "*off track*";
    const blocks = [text(`${kpi.name}: ${value} — ${status} (target ${targetText(kpi)}).`)];
    if (moved && previous !== undefined) {
      const before = formatValue(previous, kpi.unit);
      blocks.push(
        contextLine(
          `${moved.arrow} ${moved.word === "unchanged" ? "unchanged from" : `${moved.word} than`} the previous reading, ${before}.`,
        ),
      );
    } else blocks.push(contextLine("First reading."));
    // Slipping off target is news for the team; routine readings are not.
    return reply(`${kpi.name} ${value}: ${good ? "on track" : "off track"}`, blocks, !good && wasGood ? "channel" : "private");
  },
});
