import { z } from "zod";
import { commandName, tenantCommand, type CommandDef } from "./define.js";
import { usageOf } from "./params.js";
import { suggest } from "../grammar/suggest.js";
import { contextLine, heading, list, rejection, reply, text } from "../views/reply.js";
import type { Block } from "../views/reply.js";

/** Who may run it, from the command's declared permission. */
function whoMay(def: CommandDef): Block[] {
  if (def.scope !== "project" || def.permission === undefined) return [];
  if (def.permission === "owner") return [contextLine("Only the project's owners (and workspace admins) can run it.")];
  if (def.permission === "manager") return [contextLine("Only the project's owners and managers (and workspace admins) can run it.")];
  return [contextLine("Anyone can look; only the project's owners and managers (and workspace admins) can change it.")];
}

function detail(def: CommandDef): Block[] {
  return [
    heading(commandName(def)),
    text(def.summary),
    contextLine(`Usage: \`${usageOf(def.path, def.params)}\``),
    ...(def.notes ?? []).map((n) => contextLine(n)),
    ...whoMay(def),
    list(def.examples.map((e) => `\`${e}\``)),
  ];
}

/** `help` over the registry, which lists help too: so the registry passes itself in instead of being imported here. */
export const helpCommand = (registry: () => readonly CommandDef[]) =>
  tenantCommand({
    path: ["help"],
    summary: "List the commands, or explain one",
    examples: ["help", "help cost", "help task add"],
    params: [{ at: "rest", name: "topic", label: "topic" }],
    input: () => z.object({ topic: z.string().trim().toLowerCase().optional() }),
    async run(_ctx, input) {
      const commands = registry();
      if (!input.topic) {
        const lines = commands.map((c) => `\`${usageOf(c.path, c.params)}\` — ${c.summary}`);
        return reply("Charter commands", [
          heading("Charter commands"),
          list(lines),
          contextLine('Type `help <command>` for details and examples. Put `in "<project>"` after a command to work on another project.'),
        ]);
      }
      const exact = commands.find((c) => commandName(c) === input.topic);
      if (exact) return reply(`Help: ${input.topic}`, detail(exact));
      const group = commands.filter((c) => c.path[0] === input.topic);
      if (group.length) return reply(`Help: ${input.topic}`, group.flatMap(detail));
      const near = suggest(input.topic, [...new Set(commands.flatMap((c) => [c.path[0]!, commandName(c)]))]);
      return rejection(`No help on \`${input.topic}\`.${near ? ` Did you mean \`help ${near}\`?` : " Type `help` to see every command."}`);
    },
  });
