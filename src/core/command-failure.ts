/**
 * What a person is told when a command fails on Charter's side, and how the
 * core knows whether that is true. Each store write is its own transaction,
 * so a command that fails after one committed (a later read, posting an
 * alert, rendering the reply) has saved something: saying "nothing was
 * saved" then invites a retry that saves it twice. The dispatcher records
 * every write that committed while a command ran (a store call with a Scope
 * that resolved), and the failure text names them.
 */
import type { Context } from "./context.js";
import { isScope } from "./archive.js";
import type { Store } from "./store.js";

/** A store write that committed: the repository, the method and what it returned. */
export interface SavedWrite {
  area: string;
  method: string;
  result: unknown;
}

/** What the failure was, when it is known to be the database's (store/errors.ts classifies it). */
export interface FailureCause {
  /** The whole message for when nothing was saved: the fault, that nothing was saved, what to do. */
  userMessage: string;
  /** The fault in a few words, for when something was saved: "the database is unreachable". */
  operatorMessage: string;
}

export const NOTHING_SAVED = "Something went wrong on Charter's side and nothing was saved. Please try again in a moment.";

/** How each repository's records are named, and the command that lists them. */
const RECORDS: Record<string, { noun: string; check: string }> = {
  costs: { noun: "Cost", check: "cost list" },
  tasks: { noun: "Task", check: "task list all" },
  risks: { noun: "Risk", check: "risk list" },
  milestones: { noun: "Milestone", check: "milestone list" },
  changes: { noun: "Change request", check: "change list all" },
  kpis: { noun: "The KPI", check: "kpi list" },
  budgets: { noun: "The budget", check: "budget" },
  projects: { noun: "The project", check: "project show" },
  allocations: { noun: "The allocation", check: "resource list" },
  stakeholders: { noun: "The stakeholder", check: "stakeholder list" },
  standups: { noun: "The standup", check: "standup report" },
  reportSchedules: { noun: "The report schedule", check: "report" },
  charters: { noun: "The charter", check: "project charter" },
  closeOuts: { noun: "The close-out", check: "project show" },
};

/** "Cost #12", "2 costs (#12, #13)", "The budget": one saved write in words. */
function describe(write: SavedWrite): string {
  const record = RECORDS[write.area];
  const noun = record?.noun ?? "Your change";
  const numberOf = (value: unknown): number | undefined => {
    const n = typeof value === "object" && value !== null ? (value as { number?: unknown }).number : undefined;
    return typeof n === "number" && n > 0 ? n : undefined;
  };
  const added = (write.result as { added?: unknown } | null)?.added;
  if (Array.isArray(added)) return `${added.length} ${noun.toLowerCase()}${added.length === 1 ? "" : "s"}`;
  const n = numberOf(write.result) ?? numberOf((write.result as { change?: unknown } | null)?.change);
  return n !== undefined && !noun.startsWith("The ") ? `${noun} #${n}` : noun;
}

/**
 * The one text for a failure on Charter's side: "nothing was saved" only when
 * nothing was; otherwise what was saved and how to check before retrying.
 */
export function failureText(saved: readonly SavedWrite[], cause?: FailureCause): string {
  if (saved.length === 0) return cause?.userMessage ?? NOTHING_SAVED;
  const what = [...new Set(saved.map(describe))];
  const named = what.length === 1 ? what[0]! : `${what.slice(0, -1).join(", ")} and ${what.at(-1)!.replace(/^The /, "the ")}`;
  const check = RECORDS[saved[0]!.area]?.check;
  const why = cause ? ` (${cause.operatorMessage})` : "";
  const retry = check ? `check with \`${check}\` before retrying` : "check before retrying";
  const several = what.length > 1 || /^(?!1 )\d+ /.test(named);
  return `${named} ${several ? "were" : "was"} saved, but Charter failed while answering${why} — ${retry}.`;
}

/** The writes each context's latest command committed: what an adapter's failure text reads. */
const savedByContext = new WeakMap<Context, SavedWrite[]>();

/** What the latest command run with `ctx` saved (empty when none ran, or it wrote nothing). */
export function savedBy(ctx: Context | undefined): readonly SavedWrite[] {
  return (ctx && savedByContext.get(ctx)) ?? [];
}

/**
 * The context a command runs with: `ctx` with a store that records every
 * write that commits (a call with a Scope that resolves: each write is one
 * transaction, committed by then; inside `store.transaction`, once the
 * transaction commits). The record is what `savedBy` answers for both
 * contexts, started afresh for each command.
 */
export function recordingWrites(ctx: Context): Context {
  const saved: SavedWrite[] = [];
  const recording: Context = { ...ctx, store: recordingStore(ctx.store, saved) };
  savedByContext.set(ctx, saved);
  savedByContext.set(recording, saved);
  return recording;
}

function recordingStore(store: Store, saved: SavedWrite[]): Store {
  const view: Record<string, unknown> = {
    transaction: ((scope, work, options) => {
      // Held back until the commit; a retried attempt starts over.
      let pending: SavedWrite[] = [];
      return store
        .transaction(
          scope,
          (tx) => {
            pending = [];
            return work(recordingStore(tx, pending));
          },
          options,
        )
        .then((value) => {
          saved.push(...pending);
          return value;
        });
    }) satisfies Store["transaction"],
  };
  for (const [area, repository] of Object.entries(store as unknown as Record<string, Record<string, unknown>>)) {
    if (area === "transaction") continue;
    view[area] = Object.fromEntries(
      Object.entries(repository).map(([method, fn]) => [
        method,
        typeof fn !== "function"
          ? fn
          : (...args: unknown[]) => {
              const result = (fn as (...a: unknown[]) => unknown)(...args);
              if (!isScope(args[0]) || !(result instanceof Promise)) return result;
              return result.then((value: unknown) => {
                saved.push({ area, method, result: value });
                return value;
              });
            },
      ]),
    );
  }
  return view as unknown as Store;
}
