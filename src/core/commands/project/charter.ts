/**
 * `project charter`: writes a new version of the project charter. Typed
 * keywords change only the parts they name; without any, the charter form
 * opens filled with the current version.
 */
import { z } from "zod";
import {
  CHARTER_PARTS,
  charterContent,
  charterDiff,
  partText,
  partValue,
  sameCharter,
  splitItems,
  withCharterParts,
  type CharterPatch,
} from "../../domain/charter.js";
import { projectCommand, type CommandDef, type ProjectCommandContext } from "../define.js";
import { fields } from "../fields.js";
import { formFor } from "../form.js";
import type { Param, RawInput } from "../params.js";
import { quoted } from "../shared.js";
import type { CharterVersion } from "../../store.js";
import { actions, contextLine, list, rejection, reply, text } from "../../views/reply.js";

const KEYWORDS: Record<(typeof CHARTER_PARTS)[number]["key"], string> = {
  objectives: "objectives",
  scopeIn: "scope",
  scopeOut: "out-of-scope",
  deliverables: "deliverables",
  milestones: "milestones",
  timeline: "timeline",
  budget: "budget",
  roles: "roles",
  communication: "communication",
};

const params: Param[] = CHARTER_PARTS.map((part) => ({
  at: "keyword",
  name: part.key,
  keywords: [KEYWORDS[part.key]],
  type: "text",
  label: part.label.toLowerCase(),
  placeholder: '"<text>"',
  form: "longtext",
  hint: part.kind === "list" ? "One per line (or separated by ;)" : "Free text",
}));

const part = (label: string) => fields.text(label, 3000).optional();

/** The current version as form values: lists one item per line. */
function initialValues(latest: CharterVersion | null): RawInput {
  const content = charterContent(latest?.content ?? null);
  const raw: RawInput = {};
  for (const p of CHARTER_PARTS) {
    const value = partValue(content, p.key);
    const textValue = Array.isArray(value) ? value.join("\n") : value;
    if (textValue) raw[p.key] = textValue;
  }
  return raw;
}

function openForm(ctx: ProjectCommandContext, latest: CharterVersion | null) {
  const form = { ...formFor(command, initialValues(latest)), project: ctx.project.name };
  const message = latest
    ? `Edit ${ctx.project.name}'s charter: saving makes version ${latest.version + 1}.`
    : `Fill in ${ctx.project.name}'s charter: saving makes version 1.`;
  return rejection(
    message,
    [
      text(message),
      contextLine(
        'Or type the parts: `project charter objectives "Cut checkout time by 30%; 99.9% uptime" scope "Web checkout" out-of-scope "Mobile app"`.',
      ),
    ],
    form,
  );
}

const command: CommandDef = projectCommand({
  path: ["project", "charter"],
  permission: "manager",
  permissionAction: "change its charter",
  summary:
    "Write the project charter (objectives, scope, deliverables, milestones, timeline, budget, roles, communication); each save is a new version",
  examples: [
    'project charter objectives "Cut checkout time by 30%; Reach 99.9% uptime" scope "Web checkout; Payment API" out-of-scope "Mobile app"',
    'project charter roles "@carol sponsor, approves scope; @alice tech lead" communication "Weekly digest, Fridays in #apollo; Daily standup"',
    'project charter timeline "Jan to Mar 2026, launch before the spring sale" budget "10,000 USD with 10% contingency"',
  ],
  formTitle: "Project charter",
  notes: [
    "Without any part, the charter form opens with the current version filled in.",
    "Lists take one item per line or items separated by `;`. Parts you leave out keep their text; `-` or `none` clears a part.",
    "Each save is a new version and shows what changed since the previous one; `project charter approve` records approvals per version.",
  ],
  params,
  input: () =>
    z.object({
      objectives: part("objectives"),
      scopeIn: part("scope"),
      scopeOut: part("out-of-scope list"),
      deliverables: part("deliverables"),
      milestones: part("milestones"),
      timeline: part("timeline"),
      budget: part("budget"),
      roles: part("roles"),
      communication: part("communication"),
    }),
  async run(ctx, input) {
    const { project } = ctx;
    const latest = await ctx.store.charters.latest(ctx.tenant, project.id);
    const patch: CharterPatch = {};
    for (const p of CHARTER_PARTS) {
      const value = input[p.key];
      if (value !== undefined) patch[p.key] = p.kind === "list" ? splitItems(value) : partText(value);
    }
    if (Object.keys(patch).length === 0) return openForm(ctx, latest);

    const previous = latest ? charterContent(latest.content) : null;
    const content = withCharterParts(latest?.content ?? null, patch);
    const next = charterContent(content);
    if (previous && latest && sameCharter(previous, next)) {
      return reply(`Charter unchanged (v${latest.version})`, [
        text(`${project.name}'s charter already says that: no new version, it stays at v${latest.version}.`),
      ]);
    }
    if (!previous && charterDiff(null, next).length === 0) return openForm(ctx, latest);
    const saved = await ctx.store.charters.save(ctx.scope, project.id, content, ctx.now().toJSDate());
    const diff = charterDiff(previous, next);
    const name = quoted(project.name);
    return reply(
      `Saved ${project.name}'s charter v${saved.version}`,
      [
        text(
          `Saved ${project.name}'s charter as *v${saved.version}*${latest ? ` (changes from v${latest.version}):` : " (the first version):"}`,
        ),
        list(diff),
        actions([
          { label: `Approve v${saved.version}`, command: `project charter approve v${saved.version} in ${name}`, style: "primary" },
          { label: "Show it", command: `project charter show v${saved.version} in ${name}` },
        ]),
        contextLine("The manager and the stakeholders approve it with `project charter approve`."),
      ],
      "channel",
    );
  },
});

export default command;
