/**
 * People from outside the workspace: someone from another organisation in a
 * Slack Connect channel, or a guest account. They read what the channel
 * sees; they change a project only once its owners or managers give them a
 * role there, and they run no workspace-wide command but help. The adapter
 * says who is an outsider; the rule lives here.
 */
import { authorityOf, holds, type Authority } from "./authorization.js";
import { commandName, type CommandDef, type ProjectEffect } from "./commands/define.js";
import type { Context, Outsider } from "./context.js";
import type { Project } from "./store.js";
import { rejection, type Reply } from "./views/reply.js";

const WHY: Record<Outsider, string> = {
  external: "you're from another organisation in this shared channel",
  guest: "you're a guest in this workspace",
};

/** Workspace-wide commands that show nothing of the workspace. */
const OPEN_TO_OUTSIDERS = new Set(["help"]);

/**
 * The refusal for an outsider about to change something, or null to go on.
 * `effect` is what the command does to the project (unknown before its input is read: then any write counts).
 */
export async function outsiderRefusal(
  ctx: Context,
  def: CommandDef,
  project: Project | undefined,
  effect: ProjectEffect | undefined,
  authority?: Authority,
): Promise<Reply | null> {
  if (!ctx.outsider) return null;
  if (def.scope === "tenant" || !project) {
    if (OPEN_TO_OUTSIDERS.has(def.path[0]!)) return null;
    return rejection(`Sorry — ${WHY[ctx.outsider]}, so you can't run \`${commandName(def)}\` here. Nothing was changed.`);
  }
  if (effect === "read") return null;
  const held = authority ?? (await authorityOf(ctx, project));
  if (holds(held, "manager")) return null;
  return rejection(
    `You can read ${project.name}'s updates here, but ${WHY[ctx.outsider]}, so you can't change it until one of its owners or managers gives you a role (\`project role @you manager\`). Nothing was changed.`,
  );
}
