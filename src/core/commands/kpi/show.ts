import { DateTime } from "luxon";
import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { joinWords } from "../shared.js";
import { formatDate, isValidZone } from "../../domain/dates.js";
import { contextLine, fields as fieldsBlock, heading, reply, table, text } from "../../views/reply.js";
import { findKpi } from "../../lookups/kpi.js";
import { formatValue, kpiFacts, onTrack, smartGaps, trend } from "../../messages/kpi.js";

/** Readings shown, newest first. */
export const KPI_SHOW_READINGS = 10;

export default projectCommand({
  path: ["kpi", "show"],
  effect: "read",
  summary: "One KPI: its SMART fields, on or off track, and its latest readings with dates and trend",
  examples: ["kpi show Uptime"],
  params: [{ at: "rest", name: "name", label: "name", required: true }],
  input: () => z.object({ name: fields.text("KPI name", 80) }),
  async run(ctx, input) {
    const found = await findKpi(ctx, input.name, KPI_SHOW_READINGS + 1);
    if ("missing" in found) return found.missing;
    const { kpi } = found;
    const today = ctx.env.today;
    const owner = kpi.ownerId ? await ctx.store.members.get(ctx.tenant, kpi.ownerId) : null;
    const zone = isValidZone(ctx.user.timeZone) ? ctx.user.timeZone : "utc";
    const day = (at: Date) => formatDate(DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10));

    const [latest, previous] = kpi.readings;
    const good = latest ? onTrack(kpi, latest.value) : null;
    const moved = latest ? trend(kpi, latest.value, previous?.value) : null;
    const status = latest
      ? `${formatValue(latest.value, kpi.unit)} on ${day(latest.recordedAt)} — ${good ? "on track" : "⚠ off track"}${moved ? `, ${moved.arrow} ${moved.word}` : ""}`
      : "no readings yet";
    const blocks = [heading(`KPI — ${kpi.name}`), fieldsBlock([["Status", status], ...kpiFacts(kpi, owner ?? null, today)])];

    const shown = kpi.readings.slice(0, KPI_SHOW_READINGS);
    if (shown.length) {
      const rows = shown.map((r, i) => {
        const before = kpi.readings[i + 1];
        const change = trend(kpi, r.value, before?.value);
        return [
          day(r.recordedAt),
          formatValue(r.value, kpi.unit),
          onTrack(kpi, r.value) ? "on track" : "⚠ off track",
          change ? `${change.arrow} ${change.word}` : "—",
        ];
      });
      blocks.push(
        text(`*Latest ${shown.length === 1 ? "reading" : `${shown.length} readings`}*`),
        table(["Date", "Value", "Status", "Trend"], rows),
      );
    } else {
      blocks.push(contextLine(`Record a reading with \`kpi record ${kpi.name} <value>\`.`));
    }
    const gaps = smartGaps(kpi);
    if (gaps.length) blocks.push(contextLine(`Not yet SMART: missing ${joinWords(gaps)}.`));
    return reply(`${kpi.name}: ${latest ? (good ? "on track" : "off track") : "no readings yet"}`, blocks);
  },
});
