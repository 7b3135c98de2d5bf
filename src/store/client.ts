/**
 * Types and helpers shared by the repositories: the Prisma client they are
 * written against, transactions, and the tenant/actor scope of a write.
 */
import type { Prisma } from "../generated/sqlite/client.js";
import type { Client, Provider } from "./database.js";

export type Tx = Prisma.TransactionClient;

/** What every repository gets: the client and which database it talks to. */
export interface StoreContext {
  prisma: Client;
  provider: Provider;
  /** Tenants whose row is known to exist (tenants are never deleted by the store). */
  knownTenants: Set<string>;
}
