import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, joinWords, membersById, ref } from "../shared.js";
import { mayDecideChanges } from "../../authorization.js";
import { pendingApprovers } from "../../domain/change-policy.js";
import { actions, contextLine, fields as fieldsBlock, heading, list, reply, text, type Block } from "../../views/reply.js";
import { approversOf, findChange } from "../../lookups/change-request.js";
import { decisionButtons, decisionLine, impactFacts, instantText, POLICY_TEXT, statusText } from "../../messages/change-request.js";

export default projectCommand({
  path: ["change", "show"],
  effect: "read",
  summary: "Everything about one change request: impacts, status, approvers and the full decision history",
  examples: ["change show #1"],
  formTitle: "Show a change request",
  params: [{ at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" }],
  input: () => z.object({ id: fields.ref() }),
  async run(ctx, input) {
    const change = await findChange(ctx, input.id);
    if ("blocks" in change) return change;
    const approvers = await approversOf(ctx);
    const people = await membersById(ctx, [change.requestedById, ...change.decisions.map((d) => d.memberId)]);
    const facts: [string, string][] = [["Status", statusText(change, ctx.user, ctx.env.today)], ...impactFacts(change, ctx.project)];
    if (change.status === "open") {
      const waiting = pendingApprovers(
        approvers.map((m) => m.id),
        change.decisions,
      );
      const rule = POLICY_TEXT[ctx.project.changePolicy];
      const names = joinWords(approvers.map((m) => at(m)));
      facts.push([
        "Approvers",
        ctx.project.changePolicy === "all" && waiting.length < approvers.length
          ? `${names} (${rule}; waiting for ${joinWords(waiting.flatMap((id) => approvers.find((m) => m.id === id) ?? []).map((m) => at(m)))})`
          : `${names} (${rule})`,
      ]);
    }
    const history = [
      `${instantText(change.requestedAt, ctx.user)} — ${at(people.get(change.requestedById))} requested it`,
      ...change.decisions.map((d) => decisionLine(d, people.get(d.memberId), ctx.user)),
    ];
    if (change.status !== "open" && change.decidedAt) history.push(`${instantText(change.decidedAt, ctx.user)} — ${change.status}`);
    const blocks: Block[] = [
      heading(`Change request ${ref(change.number)} — ${change.title}`),
      fieldsBlock(facts),
      text("*History*"),
      list(history),
    ];
    const mayDecide = mayDecideChanges(
      ctx.user.id,
      approvers.map((m) => m.id),
    );
    if (change.status === "open" && mayDecide) blocks.push(actions(decisionButtons(change, ctx.project)));
    if (change.status === "open" && !mayDecide) blocks.push(contextLine("Only approvers can decide on it."));
    return reply(`Change request ${ref(change.number)} ${change.title} (${change.status})`, blocks);
  },
});
