/** How change requests read in chat: impacts, status, history, and the buttons that decide them. */
import { DateTime } from "luxon";
import { addDays, daysBetween, formatDate, todayIn } from "../domain/dates.js";
import { memberZone } from "../domain/quiet-hours.js";
import type { ChangeDecisionKind, ChangePolicy, ChangeRequest, Member, Project } from "../store.js";
import type { Button } from "../views/reply.js";
import { at, money, quoted, ref } from "../commands/shared.js";

export const POLICY_TEXT: Record<ChangePolicy, string> = {
  any: "any one approver decides",
  all: "every approver must approve; one rejection rejects",
};

const days = (n: number) => `${n} ${Math.abs(n) === 1 ? "day" : "days"}`;

/** "+$2,500.00". */
export const costText = (change: Pick<ChangeRequest, "costImpact" | "currency">, project: Pick<Project, "currency">): string =>
  change.costImpact === null ? "—" : `+${money(change.costImpact, change.currency ?? project.currency)}`;

/** "+5 days", "−3 days" (a schedule gain). */
export const scheduleText = (change: Pick<ChangeRequest, "scheduleDays">): string =>
  change.scheduleDays === null ? "—" : change.scheduleDays < 0 ? `−${days(-change.scheduleDays)}` : `+${days(change.scheduleDays)}`;

/**
 * The impacts as facts. While the request is open each says what approving it
 * would do to the current plan (budget and end date before → after).
 */
export function impactFacts(change: ChangeRequest, project: Project): [string, string][] {
  const open = change.status === "open";
  const facts: [string, string][] = [];
  if (change.costImpact !== null) {
    const cur = change.currency ?? project.currency;
    const projected = open
      ? project.budgetTotal === null
        ? ` (no budget set yet: it would become ${money(change.costImpact, cur)})`
        : ` (budget ${money(project.budgetTotal, cur)} → ${money(project.budgetTotal + change.costImpact, cur)})`
      : "";
    facts.push(["Cost", `${costText(change, project)}${projected}`]);
  }
  if (change.scheduleDays !== null) {
    const projected = open
      ? project.endDate === null
        ? ` (${project.name} has no end date to move)`
        : ` (end ${formatDate(project.endDate)} → ${formatDate(addDays(project.endDate, change.scheduleDays))})`
      : "";
    facts.push(["Schedule", `${scheduleText(change)}${projected}`]);
  }
  if (change.scopeText !== null) facts.push(["Scope", change.scopeText]);
  if (change.reason !== null) facts.push(["Reason", change.reason]);
  if (facts.length === 0) facts.push(["Impact", "none stated"]);
  return facts;
}

/** "today", "1 day", "4 days": how long ago the request was raised, in calendar days where the reader is. */
export function ageText(requestedAt: Date, reader: Pick<Member, "timeZone">, today: string): string {
  const zone = memberZone(reader.timeZone);
  const raised = todayIn(zone, DateTime.fromJSDate(requestedAt));
  const n = Math.max(0, daysBetween(raised, today));
  return n === 0 ? "today" : days(n);
}

/** An instant where the reader is: "Mon 2 Mar 2026 11:00". */
export const instantText = (when: Date, reader: Pick<Member, "timeZone">): string =>
  DateTime.fromJSDate(when).setZone(memberZone(reader.timeZone)).setLocale("en-GB").toFormat("ccc d LLL yyyy HH:mm");

const VERB: Record<ChangeDecisionKind, string> = { approve: "approved", reject: "rejected", ask: "asked" };

/** One line of the decision log: `Mon 2 Mar 2026 11:00 — @carol approved: "Worth it"`. */
export function decisionLine(d: ChangeRequest["decisions"][number], member: Member | undefined, reader: Pick<Member, "timeZone">): string {
  const said = d.comment ? `: "${d.comment}"` : "";
  return `${instantText(d.at, reader)} — ${at(member)} ${VERB[d.decision]}${said}`;
}

/** "approved Mon 2 Mar 2026", "open for 4 days". */
export function statusText(change: ChangeRequest, reader: Pick<Member, "timeZone">, today: string): string {
  if (change.status === "open") {
    const age = ageText(change.requestedAt, reader, today);
    return age === "today" ? "open (raised today)" : `open for ${age}`;
  }
  const when = change.decidedAt ? ` ${instantText(change.decidedAt, reader).replace(/ \d\d:\d\d$/, "")}` : "";
  return `${change.status}${when}`;
}

/**
 * The commands a change request's buttons run. They name the project: the
 * message stays in its channel after the channel is re-linked, and may be
 * shown where no project is linked (a DM, a channel it fell back to).
 */
export function decisionCommands(change: Pick<ChangeRequest, "number">, project: Pick<Project, "name">) {
  const suffix = `${ref(change.number)} in ${quoted(project.name)}`;
  return { approve: `change approve ${suffix}`, reject: `change reject ${suffix}`, ask: `change ask ${suffix}` };
}

export function decisionButtons(change: Pick<ChangeRequest, "number">, project: Pick<Project, "name">): Button[] {
  const command = decisionCommands(change, project);
  return [
    { label: "Approve", command: command.approve, style: "primary" },
    { label: "Reject", command: command.reject, style: "danger" },
    { label: "Ask for detail", command: command.ask },
  ];
}

/** The typed equivalents, under the buttons. */
export const typedDecisions = (change: Pick<ChangeRequest, "number">): string =>
  `Or type \`change approve ${ref(change.number)} "<comment>"\`, \`change reject ${ref(change.number)} "<comment>"\` or \`change ask ${ref(change.number)} "<question>"\`.`;
