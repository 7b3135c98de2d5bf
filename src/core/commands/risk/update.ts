import { z } from "zod";
import { projectCommand } from "../define.js";
import { mayChange, refusal } from "../../authorization.js";
import { fields } from "../fields.js";
import { at, memberFor, membersById, ref } from "../shared.js";
import { formatDate } from "../../domain/dates.js";
import type { RiskPatch } from "../../store.js";
import { contextLine, list, rejection, reply, text } from "../../views/reply.js";
import { RISK_HINTS, scoreText, severityOf } from "../../messages/risk.js";
import { findRisk } from "../../lookups/risk.js";
import { becameCritical, postCriticalRiskAlert } from "../../alerts/critical-risk.js";
import { alertedLine } from "../../alerts/post.js";

const CHANGEABLE = '`p<1-5>`, `i<1-5>`, `owner @user`, `mitigation "<text>"` or `review <date>`';

export default projectCommand({
  path: ["risk", "update"],
  summary: "Change a risk's probability, impact, owner, mitigation or review date",
  examples: ["risk update #1 p4", 'risk update #1 i5 owner @carol mitigation "Second vendor on standby" review 2026-03-20'],
  formTitle: "Update a risk",
  notes: ["Only what you name changes."],
  params: [
    { at: "typed", name: "id", label: "#id", type: "ref", required: true, hint: "e.g. #2" },
    { at: "typed", name: "probability", label: "probability", placeholder: "p<1-5>", type: "scale-p", hint: RISK_HINTS.probability },
    { at: "typed", name: "impact", label: "impact", placeholder: "i<1-5>", type: "scale-i", hint: RISK_HINTS.impact },
    { at: "keyword", name: "owner", keywords: ["owner"], type: "mention", label: "user" },
    { at: "keyword", name: "mitigation", keywords: ["mitigation"], type: "text", label: "text", form: "longtext" },
    { at: "keyword", name: "review", keywords: ["review"], type: "date", label: "date" },
  ],
  input: (env) =>
    z.object({
      id: fields.ref(),
      probability: fields.scale("p").optional(),
      impact: fields.scale("i").optional(),
      owner: fields.mention().optional(),
      mitigation: fields.text("mitigation", 1000).optional(),
      review: fields.date(env).optional(),
    }),
  async run(ctx, input) {
    const asked = [input.probability, input.impact, input.owner, input.mitigation, input.review].some((v) => v !== undefined);
    if (!asked) {
      const message = `Say what to change on risk ${ref(input.id)}: ${CHANGEABLE}.`;
      return rejection(message, [text(message), contextLine(`Example: \`risk update ${ref(input.id)} p4 i5\``)]);
    }
    const risk = await findRisk(ctx, input.id);
    if ("blocks" in risk) return risk;
    // A risk belongs to its owner; an unowned one to whoever runs the project.
    if (!mayChange(ctx, ctx.authority, [risk.ownerId]))
      return refusal(ctx, ctx.project, ctx.authority, "manager", `change risk ${ref(risk.number)}`);

    const owner = input.owner ? await memberFor(ctx, input.owner) : undefined;
    const patch: RiskPatch = {};
    if (input.probability !== undefined && input.probability !== risk.probability) patch.probability = input.probability;
    if (input.impact !== undefined && input.impact !== risk.impact) patch.impact = input.impact;
    if (owner && owner.id !== risk.ownerId) patch.ownerId = owner.id;
    if (input.mitigation !== undefined && input.mitigation !== risk.mitigation) patch.mitigation = input.mitigation;
    if (input.review !== undefined && input.review !== risk.reviewDate) patch.reviewDate = input.review;
    if (Object.keys(patch).length === 0) {
      return reply(`Risk ${ref(risk.number)} unchanged`, [
        text(`Risk ${ref(risk.number)} ${risk.title} already has those values; nothing changed.`),
      ]);
    }

    const updated = await ctx.store.risks.update(ctx.scope, risk.id, patch);
    const people = await membersById(ctx, [risk.ownerId, updated.ownerId]);
    const who = (id: string | null) => (id ? at(people.get(id)) : "—");
    const alerted = becameCritical(risk, updated)
      ? await postCriticalRiskAlert(ctx, ctx.project, updated, updated.ownerId ? people.get(updated.ownerId) : null)
      : [];
    const changes: string[] = [];
    if (patch.probability !== undefined || patch.impact !== undefined) changes.push(`Score: ${scoreText(risk)} → ${scoreText(updated)}`);
    if (patch.ownerId !== undefined) changes.push(`Owner: ${who(risk.ownerId)} → ${who(updated.ownerId)}`);
    if (patch.mitigation !== undefined) changes.push(`Mitigation: ${risk.mitigation ?? "—"} → ${updated.mitigation ?? "—"}`);
    if (patch.reviewDate !== undefined) {
      changes.push(
        `Review: ${risk.reviewDate ? formatDate(risk.reviewDate) : "—"} → ${updated.reviewDate ? formatDate(updated.reviewDate) : "—"}`,
      );
    }
    const nowCritical = updated.status === "open" && severityOf(updated) === "critical" && severityOf(risk) !== "critical";
    const blocks = [
      text(
        nowCritical
          ? `*Risk ${ref(updated.number)} is now critical:* ${updated.title}`
          : `Updated risk ${ref(updated.number)} ${updated.title}.`,
      ),
      list(changes),
    ];
    if (updated.status === "closed") blocks.push(contextLine("This risk is closed."));
    if (alerted.length) blocks.push(alertedLine(ctx, alerted));
    // Private: the channel hears of a newly critical risk through its alert, once.
    return reply(`${nowCritical ? "Risk now critical" : "Updated risk"} ${ref(updated.number)} ${updated.title}`, blocks);
  },
});
