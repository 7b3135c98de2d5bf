/**
 * Global setup of the e2e project: builds dist/ (tsc -p tsconfig.build.json)
 * once per run when it is missing or older than its sources. The build runs
 * beside the tests instead of before them; the tests that launch the binary
 * wait for it (test/e2e/charter-binary.ts) through the status file provided
 * here, which holds the build's outcome once it has ended.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A file that appears when the run's build of dist/ has ended: JSON { ok, output }. */
    buildStatus: string;
  }
}

export interface BuildStatus {
  ok: boolean;
  /** The compiler's output when it failed. */
  output: string;
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILD_INFO = join(ROOT, "dist", ".tsbuildinfo");

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/** dist/ is current when the compiler's record of its last build is newer than every source and setting. */
function distIsCurrent(): boolean {
  if (!existsSync(BUILD_INFO) || !existsSync(join(ROOT, "dist", "cli.js"))) return false;
  const sources = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"].map((p) => newestChange(join(ROOT, p)));
  return statSync(BUILD_INFO).mtimeMs >= Math.max(...sources);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "charter-build-"));
  const statusFile = join(dir, "status.json");
  project.provide("buildStatus", statusFile);
  // Written whole, then renamed: a reader never sees half of it.
  const finish = async (status: BuildStatus) => {
    await writeFile(`${statusFile}.partial`, JSON.stringify(status));
    await rename(`${statusFile}.partial`, statusFile);
  };

  let compiler: ChildProcess | undefined;
  if (distIsCurrent()) {
    await finish({ ok: true, output: "" });
  } else {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    compiler = spawn(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    compiler.stdout!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    compiler.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    compiler.once("error", (error) => void finish({ ok: false, output: `${output}\n${error.message}` }));
    compiler.once(
      "exit",
      (code, signal) => void finish({ ok: code === 0, output: code === 0 ? "" : `${output}\ntsc exited with ${code ?? signal}` }),
    );
  }

  return async () => {
    // A run that ends early (cancelled, or only files that never waited) does not leave a compiler behind.
    if (compiler && compiler.exitCode === null && compiler.signalCode === null) {
      const exited = new Promise((resolve) => compiler!.once("exit", resolve));
      compiler.kill();
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
}
