import { z } from "zod";
import { projectCommand } from "../define.js";
import { fields } from "../fields.js";
import { at, membersById, ref } from "../shared.js";
import type { ChangeStatus } from "../../store.js";
import { contextLine, reply, table, text } from "../../views/reply.js";
import { costText, scheduleText, statusText } from "../../messages/change-request.js";

const SHOWN = 40;
const WHICH = ["open", "approved", "rejected", "all"] as const;

export default projectCommand({
  path: ["change", "list"],
  effect: "read",
  summary: "The project's change requests: open (default), approved, rejected or all",
  examples: ["change list", "change list all"],
  params: [{ at: "flag", name: "which", label: "which", words: WHICH }],
  input: () => z.object({ which: fields.choice(WHICH, "change request filter").optional() }),
  async run(ctx, input) {
    const { project } = ctx;
    const which = input.which ?? "open";
    const statuses: ChangeStatus[] | undefined = which === "all" ? undefined : [which];
    const changes = await ctx.store.changes.list(ctx.tenant, project.id, statuses ? { status: statuses } : undefined);
    const label = `${which === "all" ? "" : `${which} `}change requests`;
    if (changes.length === 0) {
      return reply(`No ${label}`, [
        text(`No ${label} in ${project.name}.`),
        contextLine(
          which === "open"
            ? 'Raise one with `change request "<title>" cost +<amount> schedule +<n>d`. `change list all` shows decided ones.'
            : "`change list all` shows every change request.",
        ),
      ]);
    }
    // Newest first: the ones that need attention were raised last.
    const shown = [...changes].reverse().slice(0, SHOWN);
    const people = await membersById(
      ctx,
      shown.map((c) => c.requestedById),
    );
    const rows = shown.map((c) => [
      ref(c.number),
      c.title,
      costText(c, project),
      scheduleText(c),
      c.scopeText ? "✓" : "",
      statusText(c, ctx.user, ctx.env.today),
      at(people.get(c.requestedById)),
    ]);
    const open = changes.filter((c) => c.status === "open").length;
    const facts = [`${changes.length} ${changes.length === 1 ? label.replace(/s$/, "") : label}`];
    if (which === "all" && open) facts.push(`${open} open`);
    const blocks = [table(["#", "Change", "Cost", "Schedule", "Scope", "Status", "Requested by"], rows), contextLine(facts.join(" · "))];
    if (changes.length > SHOWN) blocks.push(contextLine(`Showing the ${SHOWN} newest of ${changes.length}.`));
    if (open) blocks.push(contextLine("`change show #<id>` shows a request's impacts and history."));
    return reply(
      facts.join(", ").replace(/^./, (c) => c.toUpperCase()),
      blocks,
    );
  },
});
