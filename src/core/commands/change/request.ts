import { channelRef } from "../../views/references.js";
import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { joinWords, ref } from "../shared.js";
import { contextLine, fields as fieldsBlock, reply, text } from "../../views/reply.js";
import { approversOf } from "../../lookups/change-request.js";
import { impactFacts } from "../../messages/change-request.js";
import { postChangeRequest } from "../../messages/change-request-post.js";

export default projectCommand({
  path: ["change", "request"],
  summary: "Raise a change request with its cost, schedule and scope impact; approvers decide it in the channel",
  examples: [
    'change request "Single sign-on" cost +2500 USD schedule +5d scope "SSO with the corporate IdP" reason "Security audit finding"',
    'change request "Drop the PDF export" schedule -3d',
  ],
  formTitle: "New change request",
  notes: [
    "The cost is in the project's currency and is added to the budget on approval, as a line of its own beside the baseline.",
    "The schedule impact moves the project's end date by calendar days on approval (-3d for a gain); the scope text is added to the charter's scope.",
    "The request is posted to the project channel with Approve, Reject and Ask for detail buttons for the approvers.",
  ],
  params: [
    { at: "rest", name: "title", label: "title", required: true },
    {
      at: "keyword",
      name: "cost",
      keywords: ["cost"],
      type: "money",
      label: "cost impact",
      placeholder: "+<amount> <CUR>",
      hint: "In the project's currency; added to the budget on approval",
    },
    {
      at: "keyword",
      name: "schedule",
      keywords: ["schedule"],
      type: "days",
      label: "schedule impact",
      placeholder: "+<n>d",
      form: "text",
      hint: "Calendar days the end date moves, e.g. +5d (or -3d)",
    },
    {
      at: "keyword",
      name: "scope",
      keywords: ["scope"],
      type: "text",
      label: "scope change",
      placeholder: '"<what changes>"',
      form: "longtext",
    },
    { at: "keyword", name: "reason", keywords: ["reason"], type: "text", label: "reason", placeholder: '"<why>"', form: "longtext" },
  ],
  input: (env) =>
    z.object({
      title: fields.text("title"),
      cost: fields
        .money(env)
        .refine((m) => m.currency === env.currency, {
          error: `The cost impact must be in the project's currency, ${env.currency} (amounts are never converted). Write it like \`cost +2500 ${env.currency}\`.`,
        })
        .optional(),
      schedule: fields.days().optional(),
      scope: fields.text("scope change", 1000).optional(),
      reason: fields.text("reason", 1000).optional(),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const change = await ctx.store.changes.add(ctx.scope, project.id, {
      title: input.title,
      costImpact: input.cost && input.cost.minor !== 0n ? input.cost.minor : null,
      scheduleDays: input.schedule ? input.schedule : null,
      scopeText: input.scope ?? null,
      reason: input.reason ?? null,
      at: ctx.now().toJSDate(),
    });
    const approvers = await approversOf(ctx);
    const posted = await postChangeRequest(ctx, project, change, ctx.user, approvers);
    const blocks = [text(`Recorded change request ${ref(change.number)} ${change.title}.`), fieldsBlock(impactFacts(change, project))];
    if (posted.length) {
      const where = joinWords(posted.map((id) => (id === ctx.channel.id ? "this channel" : channelRef(id))));
      blocks.push(contextLine(`Posted for the approvers' decision in ${where}.`));
    }
    blocks.push(
      contextLine(
        `Approvers: ${joinWords(approvers.map((m) => `@${m.name}`))}. \`change show ${ref(change.number)}\` follows its decisions.`,
      ),
    );
    // Private: the channel sees the request once, as the message with the buttons.
    return reply(`Change request ${ref(change.number)} ${change.title} recorded`, blocks);
  },
});
