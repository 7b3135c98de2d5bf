/**
 * Commands of the grammar whose behaviour arrives with later features
 * (charter and close-out forms). They are
 * registered so help lists them and typos still find them, and they say
 * plainly that they are not available yet instead of "unknown command".
 */
import { z } from "zod";
import { tenantCommand, type CommandDef } from "./define.js";
import { reply, text } from "../views/reply.js";

const PLANNED: [path: string[], summary: string][] = [
  [["project", "charter"], "Fill in the project charter: objectives, scope, deliverables, roles"],
  [["project", "close"], "Close the project with a post-mortem and a final report"],
];

export const comingSoonCommands: CommandDef[] = PLANNED.map(([path, summary]) =>
  tenantCommand({
    path,
    summary: `${summary} (coming soon)`,
    examples: [path.join(" ")],
    params: [{ at: "rest", name: "words", label: "options", form: false }],
    input: () => z.object({ words: z.string().optional() }),
    async run() {
      const name = path.join(" ");
      return { ...reply(`${name} is coming soon`, [text(`\`${name}\` is coming soon: it is planned but not available in this version yet.`)]), ok: false };
    },
  }),
);
