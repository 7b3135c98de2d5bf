/**
 * Types and helpers shared by the repositories: the Prisma client they are
 * written against, transactions, and the tenant/actor scope of a write.
 */
import type { Prisma } from "../generated/sqlite/client.js";
import type { Client, Provider } from "./database.js";

export type Tx = Prisma.TransactionClient;

/** What every repository gets: the client and which database it talks to. */
export interface StoreContext {
  /**
   * What queries run on. Inside `store.transaction` this is the open
   * transaction (typed as the client so reads need not care): the
   * repositories only query through it, and `write` joins `open` instead of
   * starting a transaction of its own.
   */
  prisma: Client;
  provider: Provider;
  /** Tenants whose row is known to exist (tenants are never deleted by the store). */
  knownTenants: Set<string>;
  /** The transaction `store.transaction` opened, when this context runs inside one. */
  open?: OpenTransaction;
}

/** One interactive transaction shared by every read and write of a `store.transaction` callback. */
export interface OpenTransaction {
  tx: Tx;
  /** The tenant it writes for: a write of another tenant inside it is a mistake. */
  tenantId: string;
  /** The client outside the transaction, for what must not join it (creating a tenant row on PostgreSQL). */
  root: Client;
}
