/**
 * `charter <args>` run inside the test process through the CLI's `main`: the
 * same command line, environment and working directory as the built binary
 * gets, and its exit code, stdout and stderr, without starting a node
 * process each time. The binary itself is covered by test/e2e/cli-binary.test.ts.
 *
 * The time zone is the test process's: TZ is a setting of a whole process,
 * so one in `env` does not reach the command.
 */
import { PassThrough, Writable } from "node:stream";
import { main } from "../../src/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs `charter <args>` in-process; `stdin` is what `charter shell` reads (nothing by default). */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd: string = process.cwd(),
  stdin = "",
): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, stdin: input, env: { ...env }, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
