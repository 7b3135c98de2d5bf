/** The final report of a closed project as a chat message: the figures of the snapshot and the post-mortem. */
import type { FinalReport } from "../domain/close-out.js";
import { formatDate } from "../domain/dates.js";
import { capped } from "../digest/cap.js";
import type { Member, PostMortem } from "../store.js";
import { contextLine, fields, heading, list, reply, table, text, type Block, type Reply } from "../views/reply.js";
import { at, money, ref } from "../commands/shared.js";

const LIST_CAP = 15;

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

function scheduleText(s: FinalReport["schedule"]): string {
  if (s.varianceDays === null || s.plannedEnd === null) return `closed ${formatDate(s.actualEnd)}; no planned end date`;
  const days = Math.abs(s.varianceDays);
  const word =
    s.varianceDays === 0 ? "on the planned end date" : `${days} ${days === 1 ? "day" : "days"} ${s.varianceDays > 0 ? "late" : "early"}`;
  return `closed ${formatDate(s.actualEnd)}, planned ${formatDate(s.plannedEnd)}: ${word}`;
}

function budgetText(b: FinalReport["budget"]): [string, string][] {
  const m = (v: string) => money(BigInt(v), b.currency);
  if (b.plan === null || b.variance === null) return [["Budget", `no budget set; spent ${m(b.spent)}`]];
  const variance = BigInt(b.variance);
  const standing = variance >= 0n ? `${m(b.variance)} under budget` : `${m(String(-variance))} over budget`;
  const rows: [string, string][] = [
    [
      "Budget (current plan)",
      `${m(b.plan)}${b.baseline !== null && b.approvedChanges !== "0" ? ` = baseline ${m(b.baseline)} + approved changes ${m(b.approvedChanges)}` : ""}`,
    ],
    ["Spent", m(b.spent)],
    ["Budget variance", `${standing}${b.variancePct === null ? "" : ` (${signed(b.variancePct)}% of plan)`}`],
  ];
  return rows;
}

function postMortemBlocks(pm: PostMortem): Block[] {
  const parts: [string, string[]][] = [
    ["What went well", pm.wentWell],
    ["What did not go well", pm.didNotGoWell],
    ["Lessons learned", pm.lessons],
    ["Follow-ups", pm.followUps],
  ];
  return parts.flatMap(([label, items]) => (items.length ? [text(`*${label}*`), list(capped(items, LIST_CAP))] : []));
}

export function finalReportReply(
  projectName: string,
  report: FinalReport,
  postMortem: PostMortem,
  people: ReadonlyMap<string, Member>,
): Reply {
  const o = report.outcome;
  const blocks: Block[] = [
    heading(`Final report — ${projectName}`),
    contextLine(`Closed ${formatDate(report.closedOn)}. The project is archived: read-only until its manager reopens it.`),
  ];

  blocks.push(text("*Goals vs outcome*"));
  blocks.push(
    report.goals.objectives.length ? list(capped(report.goals.objectives, LIST_CAP)) : contextLine("The charter states no objectives."),
  );
  const taskPct = o.tasksTotal ? ` (${Math.round((100 * o.tasksDone) / o.tasksTotal)}%)` : "";
  blocks.push(
    fields([
      ["Tasks done", `${o.tasksDone} of ${o.tasksTotal}${taskPct}`],
      ["Milestones", o.milestones.length ? `${o.milestonesHit} hit, ${o.milestonesMissed} missed` : "none"],
      ["Schedule", scheduleText(report.schedule)],
      ...budgetText(report.budget),
    ]),
  );
  const missed = o.milestones
    .filter((m) => !m.hit)
    .map((m) => `${ref(m.number)} ${m.name} — due ${formatDate(m.dueDate)}, ${m.doneOn ? `done ${formatDate(m.doneOn)}` : "not done"}`);
  if (missed.length) blocks.push(text("*Milestones missed*"), list(capped(missed, LIST_CAP)));

  blocks.push(text("*Risks that materialised*"));
  const risks = report.risks.materialised.map(
    (r) =>
      `${ref(r.number)} ${r.title} — score ${r.score}, ${r.why === "happened" ? "happened (probability 5)" : "still open and critical at close"}`,
  );
  blocks.push(
    risks.length
      ? list(capped(risks, LIST_CAP))
      : contextLine(`None of ${report.risks.total} ${report.risks.total === 1 ? "risk" : "risks"}.`),
  );

  if (report.kpis.length) {
    const on = report.kpis.filter((k) => k.onTrack === true).length;
    const off = report.kpis.filter((k) => k.onTrack === false).length;
    blocks.push(text(`*KPI results* (${on} on track, ${off} off track)`));
    blocks.push(
      list(
        capped(
          report.kpis.map((k) => {
            const target = `${k.direction === "higher" ? "≥" : "≤"} ${k.target}${k.unit ?? ""}`;
            return k.latest === null
              ? `${k.name}: no reading (target ${target})`
              : `${k.name}: ${k.latest}${k.unit ?? ""} (target ${target}) — ${k.onTrack ? "on track" : "off track"}`;
          }),
          LIST_CAP,
        ),
      ),
    );
  }

  const p = report.participation;
  if (p.people.length) {
    blocks.push(
      text(
        p.basis === "standups"
          ? `*Team participation* (standups answered, of ${p.days} standup days)`
          : "*Team participation* (tasks done of tasks assigned)",
      ),
    );
    const rows = p.people
      .slice(0, LIST_CAP)
      .map((x) => [at(people.get(x.memberId)), `${x.done} of ${x.of}`, `${x.of ? Math.round((100 * x.done) / x.of) : 0}%`]);
    blocks.push(table(["Person", p.basis === "standups" ? "Answered" : "Done", "Share"], rows));
  }

  const pm = postMortemBlocks(postMortem);
  if (pm.length) blocks.push(heading("Post-mortem"), ...pm);
  return reply(`Final report of ${projectName}`, blocks, "channel");
}
