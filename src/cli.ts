#!/usr/bin/env node
/**
 * The `charter` command. Exit codes: 0 done, 1 the chat command was rejected
 * or the database failed, 2 the command line or configuration was wrong.
 *
 * `main` runs one command line against the streams, environment and working
 * directory it is given (CliIo), and closes whatever it opened before it
 * resolves, so it can also run inside another process (the tests). Only
 * when this file is the program node runs does it run `main` on the process.
 */
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readFile } from "node:fs/promises";
import { loadConfig, ConfigError, type Config } from "./config.js";
import { dispatch, TenantKeyError, tenantFromText, tokensFromArgv, EXPORT_FORMATS, type ExportFormat } from "./core/index.js";
import { DEFAULT_IDENTITY, shellContext, type ShellIdentity } from "./adapters/shell/context.js";
import { replyToJson } from "./adapters/shell/json-reply.js";
import { DEFAULT_OUT_DIR, renderSaved } from "./adapters/shell/save-files.js";
import { runShell } from "./adapters/shell/repl.js";
import { openRuntime, type Runtime } from "./runtime.js";
import { resolveDatabaseUrl } from "./store/database.js";
import { migrate } from "./store/migrate.js";
import { formatOutbox, toListItem } from "./outbox/outbox-listing.js";
import { outboxRepository } from "./store/repositories/outbox.js";
import type { Started } from "./main.js";
import { runDue } from "./scheduler/tick.js";
import { formatTickResult, formatUpcoming, upcoming } from "./scheduler/upcoming.js";
import { runExport } from "./admin/export-command.js";
import { runCostImport } from "./admin/import-command.js";
import { CONSOLE_LINK_MINUTES, consoleLink } from "./adapters/web/console-link.js";
import { EXPORT_HELP, EXPORT_USAGE, IMPORT_HELP, IMPORT_USAGE } from "./admin/export-usage.js";
import { forgetMember } from "./admin/forget-member-command.js";

const USAGE = `Charter — a project manager's assistant for Slack, Microsoft Teams and the shell.

Usage:
  charter start                      serve Charter (HTTP on $PORT, default 3000); migrates first
  charter run [options] -- <words>   run one chat command and print the reply
  charter shell [options]            an interactive chat prompt with history
  charter db migrate                 apply pending database migrations
  charter scheduler run-due --at <ISO instant> [--grace <minutes>] [--tenant <id>]
                                     run one scheduler tick as of that instant and print what it did
  charter scheduler list [--at <ISO instant>] [--days <n>]
                                     upcoming scheduled occurrences (default: the next 7 days)
  charter outbox [--json] [--tenant <id>] [--limit <n>]
                                     messages queued for and sent to chat channels, newest first
  charter export --project <name> [--format csv|json] [--out <dir>] [--tenant <id>]
                                     write the project's tasks, costs, risks and kpis files (default csv,
                                     into ./export-<project>-<date>/) and print their paths
  charter import costs <file.csv> [--project <name>] [--dry-run] [--tenant <id>] [--user <id>] [--channel <id>]
                                     add the file's costs to the project (default: the channel's), all or
                                     nothing: if any row is bad none is imported and each bad row is listed
                                     with its line; rows whose id the project has already are skipped, so
                                     re-importing an export adds nothing twice (see charter import --help)
  charter console-link               a one-time sign-in link for the web console (valid 10 minutes)
  charter forget-member --tenant <id> <member>
                                     erase a person (platform user id or member id): their name, handle,
                                     time zone, quiet hours and personal free text are replaced; amounts,
                                     dates and the audit trail stay, and the audit records it
  charter --help | --version

Options for run and shell:
  --tenant <id>    tenant to act in: local (the default), local:<name>, slack:<team id>
                   (slack:E… for an org-wide Enterprise Grid install) or teams:<tenant id>
  --user <id>      who is typing (default: local-user)
  --channel <id>   the channel typed in (default: local)
  --json           (run) print the reply as JSON (charts and files as base64, nothing written)
  --out <dir>      where charts and files of replies are saved (default: ./charter-files/);
                   the reply prints each one's path, and existing files are never overwritten
  --at <instant>   (run) the command's clock, an ISO instant (default: now)

Examples:
  charter run -- project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27
  charter run -- cost add 2500 USD labour "Sprint 1 contractors"
  charter run -- budget
  charter run -- help
  charter export --project Apollo --format csv --out ./apollo
  charter import costs ./apollo/costs.csv --project "Apollo 2"

Configuration comes from the environment (DATABASE_URL, PORT, HOST, LOG_LEVEL); see the README.`;

class UsageError extends Error {}

/** An output stream of the command: the process's stdout or stderr, or a test's. */
export type CliStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** `charter start` only: how stop signals reach it and how it ends its process. */
export interface CliProcess {
  /** Calls `listener` on each SIGTERM and SIGINT. */
  onSignal(listener: (signal: NodeJS.Signals) => void): void;
  /** Ends the process with this exit code, at once. */
  exit(code: number): void;
}

/** Everything a run of `charter` reads and writes besides files and the database. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** What `charter shell` reads its lines from. */
  stdin: NodeJS.ReadableStream;
  /** The environment the configuration is read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** What relative paths are relative to: a file: DATABASE_URL, --out, the file to import, the shell's history. */
  cwd: string;
  /** Absent where `charter start` cannot run (in another program). */
  process?: CliProcess;
}

/** The configuration of `io.env`, a relative SQLite path made absolute against `io.cwd`. */
function configOf(io: CliIo): Config {
  const config = loadConfig(io.env);
  return { ...config, DATABASE_URL: resolveDatabaseUrl(config.DATABASE_URL, io.cwd).url };
}

/** Log lines on the command's stderr (the process's, or a test's). */
const logLines = (io: CliIo) => (line: string) => void io.stderr.write(line + "\n");

/** The runtime of a one-shot command: warnings and errors only. */
const openCliRuntime = (io: CliIo): Promise<Runtime> => openRuntime(configOf(io), { logLevel: "warn", logTo: logLines(io) });

const identityOptions = {
  tenant: { type: "string" },
  user: { type: "string" },
  channel: { type: "string" },
} as const;

function identity(values: { tenant?: string; user?: string; channel?: string }): ShellIdentity {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string" && !value.trim()) throw new UsageError(`--${name} can't be empty.`);
  }
  return {
    tenant: values.tenant === undefined ? DEFAULT_IDENTITY.tenant : tenantOption(values.tenant),
    user: values.user ?? DEFAULT_IDENTITY.user,
    channel: values.channel ?? DEFAULT_IDENTITY.channel,
  };
}

/** A --tenant value: local, local:<name>, slack:<team or enterprise id> or teams:<tenant id>. */
function tenantOption(value: string): string {
  try {
    return tenantFromText(value);
  } catch (error) {
    if (error instanceof TenantKeyError) throw new UsageError(`--tenant ${error.message}`);
    throw error;
  }
}

/** An --out value: a folder for charts and files, created when the first one is written. */
function outDir(value: string | undefined, cwd: string): string {
  if (value === undefined) return resolve(cwd, DEFAULT_OUT_DIR);
  if (!value.trim()) throw new UsageError("--out can't be empty.");
  return resolve(cwd, value);
}

/** An --at value. An instant without an offset is read as UTC, never as the server's zone. */
function instant(text: string): DateTime {
  const at = DateTime.fromISO(text, { zone: "utc" });
  if (!at.isValid) throw new UsageError(`--at ${text} is not an ISO instant, e.g. 2026-03-30T07:00:00Z`);
  return at;
}

async function runOnce(argv: string[], io: CliIo): Promise<number> {
  const split = argv.indexOf("--");
  const optionArgs = split === -1 ? argv : argv.slice(0, split);
  const { values, positionals } = parseArgs({
    args: optionArgs,
    options: { ...identityOptions, json: { type: "boolean" }, at: { type: "string" }, out: { type: "string" } },
    allowPositionals: true,
  });
  const words = split === -1 ? positionals : [...positionals, ...argv.slice(split + 1)];
  if (words.length === 0) throw new UsageError("charter run needs a chat command after --, e.g. charter run -- help");
  const at = values.at === undefined ? undefined : instant(values.at);
  const out = outDir(values.out, io.cwd);
  const who = identity(values);
  const runtime = await openCliRuntime(io);
  try {
    const ctx = await shellContext(runtime, who, at ? () => at : undefined);
    const reply = await dispatch(ctx, tokensFromArgv(words));
    if (values.json) {
      io.stdout.write(replyToJson(reply) + "\n");
      return reply.ok ? 0 : 1;
    }
    // Charts and files are written to disk first; the reply shows their paths.
    const { text, saved } = renderSaved(reply, out);
    io.stdout.write(text + "\n");
    return reply.ok && !saved.failed ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

async function shell(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...identityOptions, out: { type: "string" } } });
  const out = outDir(values.out, io.cwd);
  const who = identity(values);
  const runtime = await openCliRuntime(io);
  try {
    const history = resolve(io.cwd, io.env.CHARTER_HISTORY_FILE ?? "data/shell-history");
    await runShell(runtime, who, history, out, { input: io.stdin, output: io.stdout });
    return 0;
  } finally {
    await runtime.close();
  }
}

/** How long stopping may take before Charter exits anyway (orchestrators usually kill after 10 s). */
const STOP_LIMIT_MS = 9_000;

/**
 * Serves until SIGTERM or SIGINT, then drains (see Started.stop) and exits:
 * 0 when everything stopped in time, 1 when it had to give up after
 * STOP_LIMIT_MS (what was abandoned is printed). A second signal, or one
 * during start-up, exits at once.
 */
async function serve(io: CliIo): Promise<number> {
  const host = io.process;
  if (!host) throw new Error("charter start needs a process of its own.");
  let started: Started | undefined;
  let signals = 0;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((done) => (finish = done));
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    const running = started;
    if (!running || signals > 1) {
      io.stderr.write(`${signal}: exiting at once${running ? "" : " (still starting)"}.\n`);
      host.exit(1);
      return;
    }
    const limit = setTimeout(() => {
      io.stderr.write(
        `Charter did not stop within ${STOP_LIMIT_MS / 1000} s; exiting anyway. Abandoned: ${running.pending().join(", ") || "nothing"}.\n`,
      );
      finish(1);
    }, STOP_LIMIT_MS);
    running.stop().then(
      () => finish(0),
      (error: unknown) => {
        io.stderr.write(`Charter could not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        finish(1);
      },
    );
    void finished.then(() => clearTimeout(limit));
  };
  host.onSignal(onSignal);
  // Loaded here: the server and the chat platforms' SDKs are not needed by the other commands.
  const { start } = await import("./main.js");
  started = await start(configOf(io), (line) => void io.stdout.write(line + "\n"));
  const code = await finished;
  // Whatever is still scheduled (a Web API retry, a socket that never answered) must not keep the process alive.
  host.exit(code);
  return code;
}

async function dbMigrate(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] !== "migrate" || argv.length > 1) throw new UsageError("Usage: charter db migrate");
  const { url } = resolveDatabaseUrl(configOf(io).DATABASE_URL);
  const applied = await migrate(url);
  io.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}\n` : "The database is up to date.\n");
  return 0;
}

async function scheduler(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...args] = argv;
  const usage =
    "Usage: charter scheduler run-due --at <ISO instant> [--grace <minutes>] [--tenant <id>] | list [--at <ISO instant>] [--days <n>]";
  if (sub !== "run-due" && sub !== "list") throw new UsageError(usage);
  const { values, positionals } = parseArgs({
    args,
    options: { at: { type: "string" }, grace: { type: "string" }, tenant: { type: "string" }, days: { type: "string" } },
  });
  if (positionals.length) throw new UsageError(usage);
  if (sub === "run-due" && values.at === undefined)
    throw new UsageError("charter scheduler run-due needs --at <ISO instant>, e.g. --at 2026-03-30T07:00:00Z");
  const at = values.at === undefined ? DateTime.utc() : instant(values.at);
  const count = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
    return Number(text);
  };
  const grace = count("grace", values.grace);
  const days = count("days", values.days);
  const filter = values.tenant !== undefined ? { tenantId: tenantOption(values.tenant) } : {};
  const runtime = await openCliRuntime(io);
  try {
    if (sub === "list") {
      const next = await upcoming(runtime, at, days ?? 7, filter);
      io.stdout.write(
        next.length ? next.map(formatUpcoming).join("\n") + "\n" : `Nothing is scheduled in the ${days ?? 7} days from ${at.toISO()}.\n`,
      );
      return 0;
    }
    const results = await runDue(runtime, at, { ...filter, ...(grace !== undefined ? { graceMinutes: grace } : {}) });
    io.stdout.write(results.length ? results.map(formatTickResult).join("\n") + "\n" : `Nothing was due at ${at.toISO()}.\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}

async function outbox(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: "boolean" }, tenant: { type: "string" }, limit: { type: "string" } },
  });
  if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit))
    throw new UsageError(`--limit must be a positive whole number, got "${values.limit}"`);
  const runtime = await openCliRuntime(io);
  try {
    const rows = await outboxRepository(runtime.db).list({
      ...(values.tenant !== undefined ? { tenantId: tenantOption(values.tenant) } : {}),
      limit: values.limit !== undefined ? Number(values.limit) : 50,
    });
    io.stdout.write((values.json ? JSON.stringify(rows.map(toListItem), null, 2) : formatOutbox(rows)) + "\n");
    return 0;
  } finally {
    await runtime.close();
  }
}

const wantsHelp = (argv: readonly string[]): boolean => argv.includes("--help") || argv.includes("-h");

async function exportProject(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(EXPORT_HELP + "\n");
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    options: { project: { type: "string" }, format: { type: "string" }, out: { type: "string" }, tenant: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length) throw new UsageError(`Unexpected "${positionals[0]}". ${EXPORT_USAGE}`);
  if (!values.project?.trim()) throw new UsageError(`charter export needs --project <name>. ${EXPORT_USAGE}`);
  const format = (values.format ?? "csv").toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be csv or json, got "${values.format}".`);
  if (values.out !== undefined && !values.out.trim()) throw new UsageError("--out can't be empty.");
  const { tenant } = identity({ tenant: values.tenant });
  const runtime = await openCliRuntime(io);
  try {
    const request = { tenant, project: values.project, format: format as ExportFormat, today: DateTime.now().toISODate()!, cwd: io.cwd };
    return await runExport(runtime, values.out !== undefined ? { ...request, out: values.out } : request, io);
  } finally {
    await runtime.close();
  }
}

async function importFile(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(IMPORT_HELP + "\n");
    return 0;
  }
  const [what, ...args] = argv;
  if (what !== "costs") throw new UsageError(`charter import takes costs only. ${IMPORT_USAGE}`);
  const { values, positionals } = parseArgs({
    args,
    options: { ...identityOptions, project: { type: "string" }, "dry-run": { type: "boolean" } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(`charter import costs needs one file. ${IMPORT_USAGE}`);
  if (values.project !== undefined && !values.project.trim()) throw new UsageError("--project can't be empty.");
  const file = positionals[0]!;
  const bytes = await readFile(resolve(io.cwd, file)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `Can't read ${file}: ${error.code === "ENOENT" ? "no such file" : error.code === "EISDIR" ? "it is a folder" : error.message}.`,
    );
  });
  const runtime = await openCliRuntime(io);
  try {
    return await runCostImport(
      runtime,
      {
        who: identity(values),
        file,
        bytes,
        ...(values.project !== undefined ? { project: values.project } : {}),
        dryRun: values["dry-run"] === true,
      },
      io,
    );
  } finally {
    await runtime.close();
  }
}

async function forgetMemberCommand(argv: string[], io: CliIo): Promise<number> {
  const usage = "Usage: charter forget-member --tenant <id> <member>";
  const { values, positionals } = parseArgs({ args: argv, options: { tenant: { type: "string" } }, allowPositionals: true });
  // Erasing is never aimed at the default workspace by accident: the tenant is named.
  if (values.tenant === undefined) throw new UsageError(`charter forget-member needs --tenant. ${usage}`);
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError(`charter forget-member needs one member. ${usage}`);
  const { tenant } = identity({ tenant: values.tenant });
  const runtime = await openCliRuntime(io);
  try {
    return await forgetMember(runtime, { tenant, member: positionals[0]! }, io);
  } finally {
    await runtime.close();
  }
}

async function command(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "run":
      return runOnce(rest, io);
    case "shell":
      return shell(rest, io);
    case "start":
      return serve(io);
    case "outbox":
      return outbox(rest, io);
    case "db":
      return dbMigrate(rest, io);
    case "scheduler":
      return scheduler(rest, io);
    case "export":
      return exportProject(rest, io);
    case "import":
      return importFile(rest, io);
    case "forget-member":
      return forgetMemberCommand(rest, io);
    case "console-link":
      if (rest.length > 0) throw new UsageError("Usage: charter console-link");
      io.stdout.write(
        `${await consoleLink(configOf(io), { logTo: logLines(io) })}\n(signs in to the web console once, within ${CONSOLE_LINK_MINUTES} minutes)\n`,
      );
      return 0;
    case "--version":
    case "-v":
      io.stdout.write(`${(createRequire(import.meta.url)("../package.json") as { version: string }).version}\n`);
      return 0;
    case undefined:
    case "--help":
    case "-h":
    case "help":
      io.stdout.write(USAGE + "\n");
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`Unknown command "${command}". Run charter --help.`);
  }
}

/** Runs one `charter` command line; resolves to its exit code once everything it opened is closed. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await command(argv, io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    io.stderr.write(`Charter could not complete this: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** The process's own streams, environment and working directory. */
function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Read only by `charter shell`: opening stdin for every command is not needed.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    process: {
      onSignal: (listener) => {
        process.on("SIGTERM", listener);
        process.on("SIGINT", listener);
      },
      exit: (code) => process.exit(code),
    },
  };
}

/** Whether node runs this file as its program (directly or through the `charter` bin link), rather than another module importing it. */
function isProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isProgram()) {
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
