/**
 * The one entry point every adapter calls: words (typed or from a form) in,
 * a Reply out. Finds the command, binds and validates its input, resolves the
 * project, runs it, and turns every failure into a friendly private reply.
 * Nothing is written unless the input was valid: handlers only run after
 * validation, and each store write is one transaction.
 */
import type { z } from "zod";
import type { CommandOutcome, Context } from "./context.js";
import { archivedReply, ProjectArchived, readOnlyNotifier, readOnlyStore } from "./archive.js";
import { commands } from "./commands/index.js";
import { authorityOf, holds, refusal, type Authority, type Role } from "./authorization.js";
import { outsiderRefusal } from "./outsiders.js";
import { commandName, effectOf, permissionOf, type CommandContext, type CommandDef, type ProjectCommand } from "./commands/define.js";
import type { ParseEnv } from "./commands/fields.js";
import { formFor } from "./commands/form.js";
import { bindWords, rawFromForm, usageOf, type RawInput } from "./commands/params.js";
import { joinWords } from "./commands/shared.js";
import { failureText, recordingWrites, savedBy } from "./command-failure.js";
import { todayIn } from "./domain/dates.js";
import { echo } from "./grammar/echo.js";
import { inboundWords, type ChatText } from "./grammar/inbound.js";
import { quoted } from "./grammar/quote.js";
import { tokenize, type Token } from "./grammar/tokenize.js";
import { suggest } from "./grammar/suggest.js";
import { StoreConflict, type Project } from "./store.js";
import { withoutReserved } from "./views/references.js";
import { contextLine, rejection, text, type Reply } from "./views/reply.js";

const DEFAULT_CURRENCY = "USD";

export interface Match {
  def: CommandDef;
  args: Token[];
}

const lower = (t: Token | undefined) => (t && !t.quoted ? t.text.toLowerCase() : undefined);

/** Longest command path that prefixes the words. */
export function findCommand(tokens: readonly Token[]): Match | null {
  let best: CommandDef | null = null;
  for (const def of commands) {
    if (def.path.every((w, i) => lower(tokens[i]) === w) && (!best || def.path.length > best.path.length)) best = def;
  }
  return best ? { def: best, args: tokens.slice(best.path.length) } : null;
}

/** Usage and an example under a message, so every rejection teaches the right form. */
export function usageBlocks(def: CommandDef) {
  const blocks = [contextLine(`Usage: \`${usageOf(def.path, def.params)}\``)];
  if (def.examples[0]) blocks.push(contextLine(`Example: \`${def.examples[0]}\``));
  return blocks;
}

function unknownCommand(tokens: readonly Token[]): Reply {
  const first = echo(tokens[0]!.text);
  const groups = [...new Set(commands.map((c) => c.path[0]!))];
  const group = lower(tokens[0]);
  if (group && groups.includes(group)) {
    const subs = commands.filter((c) => c.path[0] === group && c.path.length > 1).map((c) => c.path[1]!);
    const second = echo(tokens[1]?.text ?? "");
    const near = second ? suggest(tokens[1]!.text, subs) : undefined;
    const message = second
      ? `\`${group}\` has no \`${second}\` command.${near ? ` Did you mean \`${group} ${near}\`?` : ""}`
      : `\`${group}\` needs a command after it.`;
    return rejection(message, [text(message), contextLine(`Commands: ${subs.map((s) => `\`${group} ${s}\``).join(", ")}`)]);
  }
  const near = suggest(tokens[0]!.text, groups);
  const retry = near ? echo([near, ...tokens.slice(1).map((t) => (t.quoted ? quoted(t.text) : t.text))].join(" ")) : "";
  const message = near ? `I don't know \`${first}\`. Did you mean \`${near}\`?` : `I don't know \`${first}\`.`;
  return rejection(message, [
    text(message),
    ...(near ? [contextLine(`Try: \`${retry}\``)] : []),
    contextLine("Type `help` to see every command."),
  ]);
}

/** `in "<name>"` picks the project; a bare `in` only counts when it names a project, so "Log in page" stays a title. */
async function takeProjectName(ctx: Context, args: Token[]): Promise<{ args: Token[]; name?: string }> {
  for (let i = 0; i < args.length - 1; i++) {
    if (lower(args[i]) !== "in") continue;
    const candidate = args[i + 1]!;
    if (candidate.quoted || (await ctx.store.projects.findByName(ctx.tenant, candidate.text))) {
      return { args: [...args.slice(0, i), ...args.slice(i + 2)], name: candidate.text };
    }
  }
  return { args };
}

async function resolveProject(ctx: Context, name: string | undefined): Promise<Project | Reply> {
  if (name) {
    const project = await ctx.store.projects.findByName(ctx.tenant, name);
    if (project) return project;
    const names = (await ctx.store.projects.list(ctx.tenant)).map((p) => p.name);
    const near = suggest(name, names);
    return rejection(`There is no project called "${echo(name)}".${near ? ` Did you mean "${near}"?` : ""}`);
  }
  const linked = await ctx.store.projects.forChannel(ctx.tenant, ctx.channel.id);
  if (linked) return linked;
  const message = "This channel isn't linked to a project yet.";
  return rejection(message, [
    text(message),
    contextLine('Link one with `project link "<name>"`, create one with `project create "<name>"`, or add `in "<name>"` to the command.'),
  ]);
}

/** A project command that writes whatever its input (no `effect`, or "write"). */
const alwaysWrites = (def: CommandDef): boolean =>
  def.scope === "project" && typeof def.effect !== "function" && (def.effect ?? "write") === "write";

function missingRequired(def: CommandDef, raw: RawInput): string[] {
  return def.params.filter((p) => p.required && raw[p.name] === undefined).map((p) => p.label);
}

function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    out[key] ??= issue.message;
  }
  return out;
}

/** The refusal when the actor does not hold the role the command needs here; null to go ahead. */
function refuseWithout(
  ctx: Context,
  def: ProjectCommand<unknown>,
  project: Project,
  authority: Authority,
  needed: Role | undefined,
): Promise<Reply> | null {
  if (!needed || holds(authority, needed)) return null;
  return refusal(ctx, project, authority, needed, def.permissionAction ?? `run \`${commandName(def)}\``);
}

async function execute(ctx: Context, def: CommandDef, raw: RawInput, projectName: string | undefined, fromForm: boolean): Promise<Reply> {
  const missing = missingRequired(def, raw);
  if (missing.length > 0) {
    // No form for what an outsider could not save.
    if (def.scope === "tenant") {
      const outsider = await outsiderRefusal(ctx, def, undefined, undefined);
      if (outsider) return outsider;
    }
    // A command that always writes opens no form on a closed project, nor for someone who may not run it: the form could not be saved.
    if (alwaysWrites(def) || (def.scope === "project" && typeof def.permission === "string")) {
      const resolved = await resolveProject(ctx, projectName);
      if (!("blocks" in resolved)) {
        const outsider = await outsiderRefusal(ctx, def, resolved, undefined);
        if (outsider) return outsider;
        if (def.scope === "project" && typeof def.permission === "string") {
          const refused = refuseWithout(ctx, def, resolved, await authorityOf(ctx, resolved), def.permission);
          if (refused) return refused;
        }
        if (alwaysWrites(def) && resolved.status === "closed") return archivedReply(resolved);
      }
    }
    const form = def.formTitle ? { ...formFor(def, raw), ...(projectName ? { project: projectName } : {}) } : undefined;
    const message = `\`${commandName(def)}\` needs ${joinWords(missing.map((m) => `${/^[aeio]/i.test(m) ? "an" : "a"} ${m}`))}.`;
    return rejection(message, [text(message), ...usageBlocks(def)], form);
  }

  let project: Project | undefined;
  if (def.scope === "project") {
    const resolved = await resolveProject(ctx, projectName);
    if ("blocks" in resolved) return resolved;
    project = resolved;
    if (project.status === "closed" && alwaysWrites(def)) return archivedReply(project);
  }

  const env: ParseEnv = {
    today: todayIn(ctx.user.timeZone ?? "UTC", ctx.now()),
    currency: project?.currency ?? DEFAULT_CURRENCY,
  };
  const parsed = def.input(env).safeParse(raw);
  if (!parsed.success) {
    const errors = issuesByField(parsed.error);
    const message = Object.values(errors)[0] ?? "That input isn't valid.";
    const form = fromForm || def.formTitle ? formFor(def, raw, errors) : undefined;
    return rejection(message, [text(message), ...usageBlocks(def)], fromForm ? form : undefined);
  }

  let cctx: CommandContext = { ...ctx, scope: { tenantId: ctx.tenant, actorId: ctx.user.id }, env };
  const authority = def.scope === "project" ? await authorityOf(ctx, project!) : undefined;
  const outsider = await outsiderRefusal(ctx, def, project, def.scope === "project" ? effectOf(def, parsed.data) : undefined, authority);
  if (outsider) return outsider;
  if (def.scope === "project") {
    const refused = refuseWithout(ctx, def, project!, authority!, permissionOf(def, parsed.data));
    if (refused) return refused;
  }
  // A closed project is read-only: writes are refused here, reads run against a store that refuses writes too.
  if (def.scope === "project" && project!.status === "closed") {
    const effect = effectOf(def, parsed.data);
    if (effect === "write") return archivedReply(project!);
    if (effect === "read") cctx = { ...cctx, store: readOnlyStore(ctx.store, project!), notify: readOnlyNotifier(project!) };
  }
  try {
    return def.scope === "project"
      ? await def.run({ ...cctx, project: project!, authority: authority! }, parsed.data)
      : await def.run(cctx, parsed.data);
  } catch (err) {
    if (err instanceof StoreConflict) return rejection(err.message);
    if (err instanceof ProjectArchived) return archivedReply({ name: err.projectName });
    const saved = savedBy(ctx);
    ctx.log.error("command failed", {
      command: commandName(def),
      error: err instanceof Error ? err.message : String(err),
      saved: saved.length,
    });
    const failed = rejection(failureText(saved));
    failures.add(failed);
    return failed;
  }
}

/** Replies that stand for a failure on Charter's side (outcome "error"), not a refused input. */
const failures = new WeakSet<Reply>();
/** Replies that turned a command away for the rate limit (outcome "limited"). */
const limited = new WeakSet<Reply>();

/** "Slow down" when the person or the workspace ran too many commands lately; null to go ahead. */
function rateLimited(ctx: Context): Reply | null {
  const verdict = ctx.limiter?.take(ctx.tenant, ctx.user.id, ctx.now().toMillis());
  if (!verdict || verdict.ok) return null;
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  const who = verdict.scope === "user" ? "you've sent a lot of commands" : "your workspace is sending a lot of commands";
  const reply = rejection(`Slow down — ${who} in the last minute. Try again in ${seconds} s.`);
  limited.add(reply);
  return reply;
}

/** What ran, as the observer hears it: the matched command's path, never the words typed. */
interface Seen {
  command: string;
}

/**
 * Tells ctx.observe (when there is one) which command ran and how it ended,
 * including a throw. The command runs with a store that records the writes
 * it committed, so a failure says what was saved (command-failure.ts).
 */
async function observed(ctx: Context, run: (ctx: Context, seen: Seen) => Promise<Reply>): Promise<Reply> {
  const done = ctx.observe?.();
  const seen: Seen = { command: "unknown" };
  let outcome: CommandOutcome = "error";
  try {
    const reply = await run(recordingWrites(ctx), seen);
    outcome = failures.has(reply) ? "error" : limited.has(reply) ? "limited" : reply.ok ? "ok" : "rejected";
    return reply;
  } finally {
    done?.(seen.command, outcome);
  }
}

/** Typed words as tokens; person text loses the reserved characters of references here, at the way in. */
function wordsOf(input: string | ChatText | readonly Token[]): Token[] {
  if (Array.isArray(input)) return input.map((t: Token) => ({ ...t, text: withoutReserved(t.text) }));
  return tokenize(inboundWords(input as string | ChatText));
}

async function dispatchWords(ctx: Context, input: string | ChatText | readonly Token[], seen: Seen): Promise<Reply> {
  const given = wordsOf(input);
  const tokens = given.length === 0 ? [{ text: "help", quoted: false }] : given;
  const match = findCommand(tokens);
  if (match) seen.command = commandName(match.def);
  // Before any store access: even unknown words count, so a flood of typos is limited too.
  const slowDown = rateLimited(ctx);
  if (slowDown) return slowDown;
  if (!match) return unknownCommand(tokens);
  const { def } = match;
  const { args, name } = def.scope === "project" ? await takeProjectName(ctx, match.args) : { args: match.args };
  const bound = bindWords(def.params, args);
  if (!bound.ok) return rejection(bound.message, [text(bound.message), ...usageBlocks(def)]);
  return execute(ctx, def, bound.raw, name, false);
}

/** Runs chat words: `cost add 2500 USD labour "Sprint 1"`. A plain string is all person text; platform mentions come as ChatText. */
export function dispatch(ctx: Context, input: string | ChatText | readonly Token[]): Promise<Reply> {
  return observed(ctx, (recording, seen) => dispatchWords(recording, input, seen));
}

/**
 * Runs a submitted form: field name -> text, through the same validation as
 * typed words. A plain string value is person text; a picked user or channel
 * comes as ChatText.
 */
export function submitForm(ctx: Context, command: string, values: Record<string, string | ChatText>, projectName?: string): Promise<Reply> {
  return observed(ctx, async (ctx, seen) => {
    const match = findCommand(tokenize(command));
    if (match && match.args.length === 0) seen.command = commandName(match.def);
    const slowDown = rateLimited(ctx);
    if (slowDown) return slowDown;
    if (!match || match.args.length > 0) return rejection(`Unknown form \`${echo(command)}\`.`);
    const words = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, inboundWords(value)]));
    return execute(
      ctx,
      match.def,
      rawFromForm(match.def.params, words),
      projectName === undefined ? undefined : withoutReserved(projectName),
      true,
    );
  });
}
