/**
 * The shape of a command module: its words, its params (from which usage,
 * help and forms are generated), its zod input and its handler.
 */
import type { z } from "zod";
import type { Context } from "../context.js";
import type { Authority, Role } from "../authorization.js";
import type { Project, Scope } from "../store.js";
import type { Reply } from "../views/reply.js";
import type { ParseEnv } from "./fields.js";
import type { Param, RawInput } from "./params.js";

/** What a handler receives: the adapter's context plus what the dispatcher resolved. */
export interface CommandContext extends Context {
  /** tenant + acting member, for store writes. */
  scope: Scope;
  env: ParseEnv;
}

export interface ProjectCommandContext extends CommandContext {
  project: Project;
  /** The acting member's standing on the project, for checks on single entries (someone else's task). */
  authority: Authority;
}

interface CommandBase<I> {
  path: readonly string[];
  summary: string;
  /** Typed exactly like this, each must parse (a test checks). */
  examples: readonly string[];
  params: readonly Param[];
  input: (env: ParseEnv) => z.ZodType<I, RawInput>;
  /** Extra help lines below the usage. */
  notes?: readonly string[];
  /** Title of the form opened when required input is missing; no form when absent. */
  formTitle?: string;
}

/**
 * What a project command does to its project, which decides whether it runs
 * on a closed (archived) project: "read" commands change nothing and run;
 * "write" commands are refused by the dispatcher before they run; "reopen"
 * (only `project reopen`) runs to undo the archive.
 */
export type ProjectEffect = "read" | "write" | "reopen";

/** A command that works on the channel's project (or the one named with `in "<name>"`). */
export interface ProjectCommand<I> extends CommandBase<I> {
  scope: "project";
  /**
   * Absent means "write", so a new command is refused on a closed project
   * until it says it only reads. A function decides per input (`budget`
   * shows, `budget set ...` changes).
   */
  effect?: ProjectEffect | ((input: I) => ProjectEffect);
  /**
   * The project role needed to run it, checked by the dispatcher before
   * `run` (workspace admins always pass). Absent: anyone in the workspace. A
   * function decides per input (`budget` shows to anyone, `budget set ...`
   * needs a manager).
   */
  permission?: Role | ((input: I) => Role | undefined);
  /** What a refusal says the command does: "change its budget" -> "Only Apollo's owners and managers can change its budget". */
  permissionAction?: string;
  run(ctx: ProjectCommandContext, input: I): Promise<Reply>;
}

/** A command that needs no project: help, project create/list/link. */
export interface TenantCommand<I> extends CommandBase<I> {
  scope: "tenant";
  run(ctx: CommandContext, input: I): Promise<Reply>;
}

export type CommandDef<I = unknown> = ProjectCommand<I> | TenantCommand<I>;

// Identity helpers that keep each module's input type inferred.
export function projectCommand<I>(def: Omit<ProjectCommand<I>, "scope">): CommandDef {
  return { ...def, scope: "project" } as CommandDef;
}
export function tenantCommand<I>(def: Omit<TenantCommand<I>, "scope">): CommandDef {
  return { ...def, scope: "tenant" } as CommandDef;
}

export const commandName = (def: Pick<CommandDef, "path">): string => def.path.join(" ");

/** What a project command does with this input; "write" unless it says otherwise. */
export function effectOf(def: ProjectCommand<unknown>, input: unknown): ProjectEffect {
  const { effect } = def;
  return typeof effect === "function" ? effect(input) : (effect ?? "write");
}

/** The role this input needs, if any. */
export function permissionOf(def: ProjectCommand<unknown>, input: unknown): Role | undefined {
  const { permission } = def;
  return typeof permission === "function" ? permission(input) : permission;
}
