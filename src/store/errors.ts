import { StoreConflict } from "../core/store.js";

export function notFound(what: string): StoreConflict {
  return new StoreConflict("not_found", `${what} was not found.`);
}

/** A unique-constraint violation, whichever driver adapter reported it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
