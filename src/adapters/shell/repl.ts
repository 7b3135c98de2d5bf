/**
 * `charter shell`: an interactive chat prompt. Each line is a chat command
 * in the shell's channel; history is kept across sessions in the data folder.
 */
import { mkdirSync, readFileSync, appendFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { dispatch, tokenize, commands } from "../../core/index.js";
import type { Runtime } from "../../runtime.js";
import { shellContext, type ShellIdentity } from "./context.js";
import { DEFAULT_OUT_DIR, renderSaved } from "./save-files.js";

const HISTORY_LIMIT = 500;

function loadHistory(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter(Boolean).slice(-HISTORY_LIMIT).reverse();
}

/** Tab completes command words: "ta" -> "task", "task a" -> "task add". */
function completer(line: string): [string[], string] {
  const names = [...new Set(commands.map((c) => c.path.join(" ")))];
  const hits = names.filter((n) => n.startsWith(line.trimStart()));
  return [hits.length ? hits : names, line];
}

/** Where the shell reads lines and writes replies: the terminal, or streams of a test. */
export interface ShellStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * `outDir`: where charts and files of replies are written (see save-files.ts);
 * the reply shows each one's path.
 */
export async function runShell(
  runtime: Pick<Runtime, "store" | "log" | "outbox">,
  who: ShellIdentity,
  historyFile: string,
  outDir: string = DEFAULT_OUT_DIR,
  { input, output }: ShellStreams = { input: process.stdin, output: process.stdout },
): Promise<void> {
  mkdirSync(dirname(historyFile), { recursive: true });
  const rl = createInterface({
    input,
    output,
    history: loadHistory(historyFile),
    historySize: HISTORY_LIMIT,
    completer,
    prompt: `${who.user}@${who.channel}> `,
  });
  output.write(`Charter shell — tenant ${who.tenant}, user ${who.user}, channel ${who.channel}. Type \`help\`, or \`exit\` to leave.\n`);
  rl.prompt();
  for await (const line of rl) {
    const words = line.trim();
    if (words === "exit" || words === "quit") break;
    if (words) {
      appendFileSync(historyFile, words + "\n");
      const reply = await dispatch(await shellContext(runtime, who), tokenize(words));
      output.write(renderSaved(reply, outDir).text + "\n");
    }
    rl.prompt();
  }
  rl.close();
}
