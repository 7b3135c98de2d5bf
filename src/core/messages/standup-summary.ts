/**
 * The channel summary of one standup day: blockers first (mentioning the
 * project manager), then each person's answers, then who did not answer —
 * by name, without @-mentions — and the participation rate.
 */
import type { Member, StandupAnswer } from "../store.js";
import { contextLine, heading, list, reply, text, type Block, type Reply } from "../views/reply.js";
import { memberRef } from "../views/references.js";
import { at, joinWords } from "../commands/shared.js";

export interface SummaryInput {
  projectName: string;
  localDate: string;
  manager: Member | null;
  /** Who was asked (skipped people left out); empty for a channel-wide standup. */
  expected: readonly Member[];
  answers: readonly StandupAnswer[];
  members: ReadonlyMap<string, Member>;
}

export function standupSummary(input: SummaryInput): Reply {
  const name = (id: string) => input.members.get(id)?.name ?? "someone";
  const blocks: Block[] = [heading(`Standup summary — ${input.projectName}, ${input.localDate}`)];
  const blocked = input.answers.filter((a) => a.blockers);
  if (blocked.length) {
    const who = input.manager ? ` ${memberRef(input.manager)}` : "";
    blocks.push(text(`*Blockers*${who}:`), list(blocked.map((a) => `@${name(a.memberId)}: ${a.blockers}`)));
  }
  if (input.answers.length) {
    blocks.push(
      list(
        input.answers.map((a) =>
          [
            `*${name(a.memberId)}*`,
            a.yesterday && `yesterday: ${a.yesterday}`,
            a.today && `today: ${a.today}`,
            !a.blockers && "no blockers",
          ]
            .filter(Boolean)
            .join(" — "),
        ),
      ),
    );
  } else {
    blocks.push(text("No one answered."));
  }
  const answered = new Set(input.answers.map((a) => a.memberId));
  const silent = input.expected.filter((m) => !answered.has(m.id));
  if (silent.length) blocks.push(contextLine(`No answer from ${joinWords(silent.map((m) => m.name))}.`));
  if (input.expected.length) {
    const rate = Math.round((100 * (input.expected.length - silent.length)) / input.expected.length);
    blocks.push(contextLine(`Participation: ${input.expected.length - silent.length} of ${input.expected.length} (${rate} %).`));
  }
  return reply(`Standup summary for ${input.projectName} (${input.localDate})`, blocks, "channel");
}

export const summaryDedupeKey = (scheduleId: string, localDate: string): string => `standup-summary:${scheduleId}:${localDate}`;

/** A DM to the project manager about a blocker reported several standup days in a row. */
export function blockerEscalation(
  projectName: string,
  member: Pick<Member, "name">,
  days: readonly { date: string; blockers: string }[],
): Reply {
  return reply(`${at(member)} has been blocked for ${days.length} standups on ${projectName}`, [
    text(`*Recurring blocker:* ${at(member)} has reported a blocker on ${projectName} ${days.length} standup days in a row.`),
    list(days.map((d) => `${d.date}: ${d.blockers}`)),
  ]);
}

export const escalationDedupeKey = (scheduleId: string, memberId: string, localDate: string): string =>
  `standup-escalation:${scheduleId}:${memberId}:${localDate}`;
