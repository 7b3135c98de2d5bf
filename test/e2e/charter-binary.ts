/** Runs the built `charter` binary as a user would. */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import type { BuildStatus } from "../setup/build.js";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/**
 * The e2e project's global setup builds dist/ beside the first tests
 * (test/setup/build.ts); a file that launches the binary waits here for it.
 */
async function built(): Promise<void> {
  const statusFile = inject("buildStatus");
  if (!statusFile) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
    return;
  }
  while (!existsSync(statusFile)) await sleep(100);
  const status = JSON.parse(readFileSync(statusFile, "utf8")) as BuildStatus;
  if (!status.ok) throw new Error(`The build of dist/ failed:\n${status.output}`);
}

await built();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function charter(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, cwd, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts `charter start` and resolves once it prints its address. */
export function startCharter(
  env: Record<string, string>,
  cwd?: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, "start"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`charter start did not come up:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running on (http:\/\/\S+?:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => out });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`charter start exited with ${code}:\n${out}`));
    });
  });
}
