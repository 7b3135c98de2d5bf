/**
 * A closed project is an archive: it can be read, not changed, until its
 * owners or managers reopen it. The dispatcher refuses every project command that
 * writes (see `effect` in commands/define.ts) and runs the ones that read
 * against a store and an outbox that refuse project writes too, so a command
 * that says it reads but writes still writes nothing.
 */
import type { Notifier } from "./notify.js";
import type { Project, Scope, Store } from "./store.js";
import { contextLine, rejection, text, type Reply } from "./views/reply.js";

/** Raised when something tries to change a closed project. */
export class ProjectArchived extends Error {
  constructor(readonly projectName: string) {
    super(archivedMessage(projectName));
    this.name = "ProjectArchived";
  }
}

export const archivedMessage = (name: string): string =>
  `${name} is closed (archived) — \`project reopen\` by its owners or managers reopens it.`;

export function archivedReply(project: Pick<Project, "name">): Reply {
  const message = archivedMessage(project.name);
  return rejection(message, [
    text(message),
    contextLine("Reading it still works: `project show`, `project charter show`, `report`, the lists."),
  ]);
}

/** Store writes take a Scope (tenant + acting member) first; reads take a tenant id. */
export const isScope = (value: unknown): value is Scope =>
  typeof value === "object" && value !== null && "actorId" in value && "tenantId" in value;

/**
 * The store as a read-only view: every write (a call with a Scope) fails with
 * ProjectArchived and writes nothing; a transaction reads through the same view.
 */
export function readOnlyStore(store: Store, project: Pick<Project, "name">): Store {
  const view: Record<string, unknown> = {
    transaction: ((scope, work, options) =>
      store.transaction(scope, (tx) => work(readOnlyStore(tx, project)), options)) satisfies Store["transaction"],
  };
  for (const [name, repository] of Object.entries(store as unknown as Record<string, Record<string, unknown>>)) {
    if (name === "transaction") continue;
    view[name] = Object.fromEntries(
      Object.entries(repository).map(([method, fn]) => [
        method,
        typeof fn === "function"
          ? (...args: unknown[]) =>
              isScope(args[0]) ? Promise.reject(new ProjectArchived(project.name)) : (fn as (...a: unknown[]) => unknown)(...args)
          : fn,
      ]),
    );
  }
  return view as unknown as Store;
}

/** An outbox that posts nothing for a closed project. */
export function readOnlyNotifier(project: Pick<Project, "name">): Notifier {
  return { post: () => Promise.reject(new ProjectArchived(project.name)) };
}
