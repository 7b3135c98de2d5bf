import { StoreConflict } from "../core/index.js";

export function notFound(what: string): StoreConflict {
  return new StoreConflict("not_found", `${what} was not found.`);
}

/** A unique-constraint violation, whichever driver adapter reported it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Why the database could not serve a query, when the cause is the database
 * itself rather than the query:
 * - unavailable: PostgreSQL is unreachable or dropped the connection, or SQLite
 *   is locked by another writer; passes by itself, so the user may retry.
 * - busy: a transaction waited for, or ran past, its time limit and was rolled
 *   back (Prisma's P2028); the database is reachable, only slow; retry.
 * - full / read_only / cannot_open / io: SQLite (or PostgreSQL's disk) cannot
 *   take writes until an operator acts; retrying does not help.
 */
export type StoreFaultKind = "unavailable" | "busy" | "full" | "read_only" | "cannot_open" | "io";

export interface StoreFault {
  kind: StoreFaultKind;
  /**
   * What the user is told when the command saved nothing: what happened, that
   * nothing was saved, what to do. When it had saved something,
   * core/command-failure.ts says what instead, with operatorMessage as the cause.
   */
  userMessage: string;
  /** One line for the operator (logs, start-up errors). */
  operatorMessage: string;
}

const USER_MESSAGES: Record<StoreFaultKind, string> = {
  unavailable: "Charter can't reach its database right now, so nothing was saved. Please try again in a moment.",
  busy: "Charter's database took too long to answer, so nothing was saved. Please try again in a moment.",
  full: "Charter can't save right now: its database is full. Nothing was saved; please tell your Charter admin.",
  read_only: "Charter can't save right now: its database is read-only. Nothing was saved; please tell your Charter admin.",
  cannot_open: "Charter can't open its database right now. Nothing was saved; please tell your Charter admin.",
  io: "Charter can't save right now: its database could not be written (disk error). Nothing was saved; please tell your Charter admin.",
};

const OPERATOR_MESSAGES: Record<StoreFaultKind, string> = {
  unavailable: "the database is unreachable or dropped the connection",
  busy: "a database transaction took too long and was rolled back",
  full: "the database is full (disk space, quota or size limit)",
  read_only: "the database is read-only (file or folder permissions, read-only mount, or a read-only server)",
  cannot_open: "the database file cannot be opened (missing folder, permissions, or a path that is not a file)",
  io: "the database file could not be written or read (disk I/O error, file size limit)",
};

// SQLite result codes (extended codes start with the primary one: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED).
const SQLITE_CODES: [prefix: string, kind: StoreFaultKind][] = [
  ["SQLITE_FULL", "full"],
  ["SQLITE_READONLY", "read_only"],
  ["SQLITE_CANTOPEN", "cannot_open"],
  ["SQLITE_IOERR", "io"],
  ["SQLITE_CORRUPT", "io"],
  ["SQLITE_NOTADB", "io"],
  ["SQLITE_BUSY", "unavailable"],
  ["SQLITE_LOCKED", "unavailable"],
];

// Node socket errors and the driver adapters' kinds for them.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
const CONNECTION_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Prisma's own: can't reach, timed out, server closed the connection, pool timeout.
const PRISMA_CONNECTION_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// A transaction that could not start within its wait, or ran past its time limit: rolled back, the database answered.
const PRISMA_TRANSACTION_TIMEOUT = "P2028";

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin
 * or crash shutdown, cannot connect now), 53300 (too many connections),
 * 53100 (disk full), 25006 (read-only transaction, e.g. a standby).
 */
function postgresKind(code: string): StoreFaultKind | undefined {
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300") return "unavailable";
  if (code === "53100") return "full";
  if (code === "25006") return "read_only";
  return undefined;
}

// Wordings used when no code survived the wrapping (Prisma puts the driver's message in its own).
const MESSAGE_PATTERNS: [RegExp, StoreFaultKind][] = [
  [/database or disk is full/i, "full"],
  [/attempt to write a readonly database|read-only transaction/i, "read_only"],
  [/unable to open database file/i, "cannot_open"],
  [/disk I\/O error|database disk image is malformed|file is not a database/i, "io"],
  [
    /Connection terminated|terminating connection|server closed the connection|not currently accepting connections|Can't reach database server|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|database is locked/i,
    "unavailable",
  ],
];

/** The codes, kinds and messages of an error and everything it wraps (cause, Prisma's meta, the adapter's error). */
function facts(error: unknown): { codes: string[]; kinds: string[]; messages: string[] } {
  const out = { codes: [] as string[], kinds: [] as string[], messages: [] as string[] };
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 6) return;
    seen.add(value);
    const v = value as Record<string, unknown>;
    for (const key of ["code", "originalCode"]) if (typeof v[key] === "string") out.codes.push(v[key] as string);
    if (typeof v.kind === "string") out.kinds.push(v.kind);
    for (const key of ["message", "originalMessage"]) if (typeof v[key] === "string") out.messages.push(v[key] as string);
    for (const key of ["cause", "meta", "driverAdapterError"]) visit(v[key], depth + 1);
    if (Array.isArray(v.errors)) for (const inner of v.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return out;
}

/** The fault kind when `error` says the database itself is unusable; undefined for every other error. */
export function storeFaultKind(error: unknown): StoreFaultKind | undefined {
  const { codes, kinds, messages } = facts(error);
  for (const code of codes) {
    const sqlite = SQLITE_CODES.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
    if (sqlite) return sqlite[1];
    if (CONNECTION_CODES.has(code) || PRISMA_CONNECTION_CODES.has(code)) return "unavailable";
    if (code === PRISMA_TRANSACTION_TIMEOUT) return "busy";
    const pg = postgresKind(code);
    if (pg) return pg;
  }
  if (kinds.some((kind) => CONNECTION_KINDS.has(kind))) return "unavailable";
  for (const message of messages) {
    const match = MESSAGE_PATTERNS.find(([pattern]) => pattern.test(message));
    if (match) return match[1];
  }
  return undefined;
}

/** What to tell the user and the operator about a database fault; undefined when `error` is not one. */
export function classifyStoreError(error: unknown): StoreFault | undefined {
  const kind = storeFaultKind(error);
  return kind ? { kind, userMessage: USER_MESSAGES[kind], operatorMessage: OPERATOR_MESSAGES[kind] } : undefined;
}

/**
 * Raised when the database cannot be used at all (at start-up: a SQLite file
 * that cannot be written). Its message is one line that reads on after
 * "Charter could not complete this: ".
 */
export class DatabaseUnusable extends Error {
  constructor(
    readonly kind: StoreFaultKind,
    readonly location: string,
    readonly detail: string,
  ) {
    super(`its database (${location}) cannot be used: ${OPERATOR_MESSAGES[kind]}. ${detail}`.replace(/\s*\n\s*/g, " "));
    this.name = "DatabaseUnusable";
  }
}
