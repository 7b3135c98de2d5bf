/**
 * The SQLite adapter serves everything on one connection. Its transactions
 * queue behind each other, but a statement outside any transaction runs on
 * that same connection at once, so one issued while another caller's
 * transaction is open joins it, and is undone if that transaction rolls
 * back: a claim, an outbox message or a member written by one command would
 * vanish with another command's failed write. Statements outside a
 * transaction therefore wait for the open one to end (each runs
 * synchronously once started, so nothing can begin in between).
 *
 * And because better-sqlite3 runs statements synchronously with promises
 * already settled, a command's whole chain of queries would otherwise run in
 * one turn of the event loop while every request arriving meanwhile (a Slack
 * command waiting for its 3-second acknowledgement) waits: each statement
 * first lets waiting I/O through.
 */
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Connection = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** The adapter's connection, changed in place so that one transaction or one statement runs at a time. */
export function oneAtATime(connection: Connection): Connection {
  const gate = new TransactionGate();
  const startTransaction = connection.startTransaction.bind(connection);
  connection.startTransaction = async (isolationLevel) => {
    await gate.enter();
    try {
      const transaction = gated(await startTransaction(isolationLevel), ioTurn);
      const [executeRaw, commit, rollback] = [
        transaction.executeRaw.bind(transaction),
        transaction.commit.bind(transaction),
        transaction.rollback.bind(transaction),
      ];
      let ended = false;
      const end = async (how: () => Promise<void>) => {
        if (ended) return;
        ended = true;
        try {
          await how();
        } finally {
          gate.leave();
        }
      };
      transaction.executeRaw = async (query) => {
        if (!/^\s*COMMIT\b/i.test(query.sql)) return executeRaw(query);
        try {
          return await executeRaw(query);
        } catch (error) {
          // A COMMIT that fails (a full disk) leaves the transaction open, and Prisma
          // does not end it: undo it here and free the connection for what waits.
          await executeRaw({ ...query, sql: "ROLLBACK" }).catch(() => undefined);
          await end(rollback);
          throw error;
        }
      };
      transaction.commit = () => end(commit);
      transaction.rollback = () => end(rollback);
      return transaction;
    } catch (error) {
      gate.leave();
      throw error;
    }
  };
  return gated(connection, async () => {
    await ioTurn();
    await gate.idle();
  });
}

/** At most one open transaction; others wait to enter, statements outside one wait for it to end. */
class TransactionGate {
  #open: Promise<void> | null = null;
  #close: (() => void) | null = null;

  async enter(): Promise<void> {
    while (this.#open) await this.#open;
    this.#open = new Promise((resolve) => (this.#close = resolve));
  }

  leave(): void {
    const close = this.#close;
    this.#open = this.#close = null;
    close?.();
  }

  async idle(): Promise<void> {
    while (this.#open) await this.#open;
  }
}

type Queryable = { queryRaw(query: never): Promise<unknown>; executeRaw(query: never): Promise<unknown> };

/** Runs `before` ahead of every statement of `queryable`. */
function gated<T extends Queryable>(queryable: T, before: () => Promise<void>): T {
  for (const name of ["queryRaw", "executeRaw"] as const) {
    const run = (queryable[name] as (query: unknown) => Promise<unknown>).bind(queryable);
    (queryable as Record<typeof name, unknown>)[name] = async (query: unknown) => {
      await before();
      return run(query);
    };
  }
  return queryable;
}

const ioTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
