/**
 * Approve, reject or ask: the one path the three commands (and the buttons
 * that carry them) share. The decision is recorded, and settled and applied
 * when it settles the request, in one transaction (decision.ts); this says
 * what happened and tells the channel and the requester.
 */
import { channelRef } from "../views/references.js";
import type { ProjectCommandContext } from "../commands/define.js";
import { pendingApprovers } from "../domain/change-policy.js";
import type { ChangeDecisionKind, ChangeRequest, Member } from "../store.js";
import { contextLine, list, rejection, reply, text, type Block, type Reply } from "../views/reply.js";
import { at, joinWords, membersById, ref } from "../commands/shared.js";
import { ChangeNotDecided, decideChangeRequest, type Decided } from "./decision.js";
import { approversOf, findChange } from "../lookups/change-request.js";
import { instantText, POLICY_TEXT } from "../messages/change-request.js";
import { appliedLines, outcomeMessage, postOutcome, sendDirect } from "../messages/change-request-post.js";

const NOUN: Record<ChangeDecisionKind, string> = { approve: "approval", reject: "rejection", ask: "question" };

/** "Change request #3 was already approved by @carol on Mon 2 Mar 2026 11:00; nothing changed." */
async function alreadySettled(ctx: ProjectCommandContext, change: ChangeRequest): Promise<Reply> {
  const verdict = change.status === "approved" ? "approve" : "reject";
  const last = [...change.decisions].reverse().find((d) => d.decision === verdict);
  const who = last ? await ctx.store.members.get(ctx.tenant, last.memberId) : null;
  const when = change.decidedAt ? ` on ${instantText(change.decidedAt, ctx.user)}` : "";
  const message = `Change request ${ref(change.number)} was already ${change.status}${who ? ` by ${at(who)}` : ""}${when}; nothing changed.`;
  return rejection(message, [text(message), contextLine(`\`change show ${ref(change.number)}\` shows its history.`)]);
}

/** The private answer to someone who may not decide. */
export function onlyApprovers(approvers: readonly Member[]): Reply {
  const message = `Only approvers can decide on change requests: ${joinWords(approvers.map((m) => at(m)))}.`;
  return rejection(message, [
    text(message),
    contextLine("The project manager makes someone an approver with `stakeholder add @user approver`."),
  ]);
}

export async function decideChange(
  ctx: ProjectCommandContext,
  number: number,
  decision: ChangeDecisionKind,
  comment: string | undefined,
): Promise<Reply> {
  const found = await findChange(ctx, number);
  if ("blocks" in found) return found;
  if (found.status !== "open") return alreadySettled(ctx, found);

  let result: Decided;
  try {
    result = await decideChangeRequest(ctx.store, ctx.scope, ctx.project.id, number, {
      decision,
      comment: comment ?? null,
      at: ctx.now().toJSDate(),
    });
  } catch (error) {
    if (error instanceof ChangeNotDecided) return rejection(error.message);
    throw error;
  }
  if (result.kind === "not-open") return alreadySettled(ctx, result.change);
  if (result.kind === "not-approver") {
    const people = await membersById(ctx, result.approverIds);
    return onlyApprovers(result.approverIds.flatMap((id) => people.get(id) ?? []));
  }
  const { change } = result;
  const people = await membersById(ctx, [change.requestedById, ...change.decisions.map((d) => d.memberId)]);
  const requester = people.get(change.requestedById);
  const title = `${ref(change.number)} ${change.title}`;

  if (decision === "ask") {
    const question = reply(`${at(ctx.user)} asks about your change request ${title}`, [
      text(`${at(ctx.user)} asks about your change request ${title} in *${ctx.project.name}*:`),
      text(`"${comment ?? ""}"`),
      contextLine("Answer in the project channel so every approver sees it."),
    ]);
    const told =
      requester && requester.id !== ctx.user.id
        ? await sendDirect(ctx, requester, `change-ask:${change.id}:${change.decisions.length}`, question)
        : false;
    const blocks: Block[] = [text(`Your question on change request ${title} is recorded.`)];
    if (told) blocks.push(contextLine(`${at(requester)} gets it by direct message.`));
    return reply(`Asked about change request ${title}`, blocks);
  }

  if (result.kind !== "settled") {
    const approvers = await approversOf(ctx);
    const waiting = pendingApprovers(
      approvers.map((m) => m.id),
      change.decisions,
    ).flatMap((id) => approvers.find((m) => m.id === id) ?? []);
    return reply(`Your ${NOUN[decision]} of change request ${title} is recorded`, [
      text(`Your ${NOUN[decision]} of change request ${title} is recorded.`),
      contextLine(`Still waiting for ${joinWords(waiting.map((m) => at(m)))}: ${POLICY_TEXT[ctx.project.changePolicy]}.`),
    ]);
  }

  const { before, after } = result;
  const outcome = outcomeMessage(change, before, after, people);
  const posted = await postOutcome(ctx, before, outcome, change);
  if (requester && requester.id !== ctx.user.id) await sendDirect(ctx, requester, `change-outcome:${change.id}:requester`, outcome);

  const blocks: Block[] = [text(`You ${change.status} change request ${title}.`)];
  if (change.status === "approved") blocks.push(list(appliedLines(change, before, after)));
  const where = joinWords(posted.map((id) => (id === ctx.channel.id ? "this channel" : channelRef(id))));
  const told = [
    posted.length ? `Posted the outcome in ${where}` : "",
    requester && requester.id !== ctx.user.id ? `sent it to ${at(requester)}` : "",
  ].filter(Boolean);
  if (told.length) blocks.push(contextLine(`${told.join(" and ").replace(/^./, (c) => c.toUpperCase())}.`));
  return reply(`${change.status === "approved" ? "Approved" : "Rejected"} change request ${title}`, blocks);
}
