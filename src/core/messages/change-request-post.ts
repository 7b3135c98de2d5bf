/**
 * What change requests post outside the conversation, through the outbox:
 * the request itself to the project channel with its decision buttons, the
 * outcome to the same channels, and direct messages to the requester.
 *
 * Change requests go to the project's linked channels, not to the alert
 * channel chosen with `project alerts`: they are a decision for the team and
 * its approvers in the project's own conversation, not an alarm. A project
 * with no linked channel gets them in the channel the request was made in.
 */
import type { Context } from "../context.js";
import { formatDate } from "../domain/dates.js";
import { directMessage } from "../domain/quiet-hours.js";
import type { OutgoingMessage } from "../notify.js";
import type { ChangeRequest, Member, Project } from "../store.js";
import { actions, contextLine, fields, heading, list, reply, text, type Block, type Reply } from "../views/reply.js";
import { memberRef } from "../views/references.js";
import { at, joinWords, money, ref } from "../commands/shared.js";
import { decisionButtons, impactFacts, POLICY_TEXT, scheduleText, typedDecisions } from "./change-request.js";

type PostContext = Pick<Context, "tenant" | "channel" | "notify" | "log" | "store" | "now">;

/** The project's linked channels, else the channel the request was made in. */
export async function changeChannels(ctx: Pick<Context, "tenant" | "channel" | "store">, project: Pick<Project, "id">): Promise<string[]> {
  const linked = await ctx.store.projects.channels(ctx.tenant, project.id);
  return linked.length ? linked : [ctx.channel.id];
}

/**
 * Queues one message per channel. The change is saved already, so a failing
 * outbox is logged rather than failing the command. Returns the channels it
 * was newly queued for.
 */
async function postToChannels(ctx: PostContext, project: Project, key: string, message: Reply): Promise<string[]> {
  let channels: string[];
  try {
    channels = await changeChannels(ctx, project);
  } catch (error) {
    ctx.log.error("Could not find the project's channels", { key, error: String(error) });
    channels = [ctx.channel.id];
  }
  const queued: string[] = [];
  for (const channelId of channels) {
    try {
      const result = await ctx.notify.post(ctx.tenant, { channelId, kind: "alert", dedupeKey: `${key}:${channelId}`, reply: message });
      if (result.created) queued.push(channelId);
    } catch (error) {
      ctx.log.error("Could not queue a change request message", { key, channelId, error: String(error) });
    }
  }
  return queued;
}

/** A direct message to one person, held through their quiet hours; false when it could not be queued. */
export async function sendDirect(ctx: PostContext, member: Member, key: string, message: Reply): Promise<boolean> {
  const outgoing: OutgoingMessage = directMessage(member, ctx.now(), { kind: "alert", dedupeKey: key, reply: message });
  try {
    await ctx.notify.post(ctx.tenant, outgoing);
    return true;
  } catch (error) {
    ctx.log.error("Could not queue a direct message", { key, error: String(error) });
    return false;
  }
}

/** The request as the approvers see it in the channel: impacts, who decides, and the buttons. */
export function requestMessage(project: Project, change: ChangeRequest, requester: Member, approvers: readonly Member[]): Reply {
  const addressed = joinWords(approvers.map((m) => memberRef(m)));
  const rule = approvers.length > 1 ? ` (${POLICY_TEXT[project.changePolicy]})` : "";
  return reply(
    `Change request ${ref(change.number)} in ${project.name}: ${change.title}`,
    [
      heading(`Change request ${ref(change.number)} — ${change.title}`),
      text(`${at(requester)} asks to change *${project.name}*. ${addressed}, please decide${rule}.`),
      fields(impactFacts(change, project)),
      actions(decisionButtons(change, project)),
      contextLine(typedDecisions(change)),
    ],
    "channel",
  );
}

export const requestKey = (change: Pick<ChangeRequest, "id">): string => `change-request:${change.id}`;

export function postChangeRequest(
  ctx: PostContext,
  project: Project,
  change: ChangeRequest,
  requester: Member,
  approvers: readonly Member[],
): Promise<string[]> {
  return postToChannels(ctx, project, requestKey(change), requestMessage(project, change, requester, approvers));
}

/** What approving a request did to the plan, for the outcome message and the approver's reply. */
export function appliedLines(change: ChangeRequest, before: Project, after: Project): string[] {
  const lines: string[] = [];
  const cur = before.currency;
  if (change.costImpact !== null && change.costImpact !== 0n) {
    lines.push(
      `Budget: ${before.budgetTotal === null ? "not set" : money(before.budgetTotal, cur)} → ${after.budgetTotal === null ? "not set" : money(after.budgetTotal, cur)}` +
        ` (a line for approved change ${ref(change.number)}; the baseline stays as it was)`,
    );
  }
  if (change.scheduleDays !== null && change.scheduleDays !== 0) {
    lines.push(
      before.endDate === null || after.endDate === null
        ? `Schedule: ${scheduleText(change)} not applied, because ${before.name} has no end date.`
        : `End date: ${formatDate(before.endDate)} → ${formatDate(after.endDate)} (${scheduleText(change)})`,
    );
  }
  if (change.scopeText !== null) lines.push(`Charter scope: added "${change.scopeText}"`);
  if (lines.length === 0) lines.push("Nothing to apply: the request stated no cost, schedule or scope impact.");
  return lines;
}

/** The members who approved (oldest first), and the comment of the decision that settled it. */
function settledBy(change: ChangeRequest): { ids: string[]; comment: string | null } {
  const verdict = change.status === "approved" ? "approve" : "reject";
  const decisive = change.decisions.filter((d) => d.decision === verdict);
  const last = decisive[decisive.length - 1];
  const ids = change.status === "approved" ? [...new Set(decisive.map((d) => d.memberId))] : last ? [last.memberId] : [];
  return { ids, comment: last?.comment ?? null };
}

/** The outcome as the team sees it: who decided and, on approval, what changed. */
export function outcomeMessage(change: ChangeRequest, before: Project, after: Project, people: ReadonlyMap<string, Member>): Reply {
  const { ids, comment } = settledBy(change);
  const by = joinWords(ids.map((id) => at(people.get(id))));
  const said = comment ? `: "${comment}"` : ".";
  const blocks: Block[] = [heading(`Change request ${ref(change.number)} ${change.status} — ${change.title}`)];
  if (change.status === "approved") {
    blocks.push(text(`Approved by ${by}${said}`), list(appliedLines(change, before, after)));
  } else {
    blocks.push(text(`Rejected by ${by}${said}`), contextLine("Nothing in the plan changed."));
  }
  blocks.push(contextLine(`\`change show ${ref(change.number)}\` shows the full history.`));
  return reply(`Change request ${ref(change.number)} ${change.status} in ${before.name}: ${change.title}`, blocks, "channel");
}

export function postOutcome(ctx: PostContext, project: Project, message: Reply, change: ChangeRequest): Promise<string[]> {
  return postToChannels(ctx, project, `change-outcome:${change.id}`, message);
}
