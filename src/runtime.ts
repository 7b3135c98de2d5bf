/**
 * Opens what every entry point needs: the database (migrated), the store and
 * a logger. Shared by `charter start`, `charter run` and `charter shell`.
 */
import { type Logger, type Store, createRateLimiter, type RateLimiter, type OutboxQueue } from "./core/index.js";
import { rateLimitsOf, type Config } from "./config.js";
import { createLogger, type LogLevel } from "./logger.js";
import { openDatabase, resolveDatabaseUrl, type Database } from "./store/database.js";
import { migrate } from "./store/migrate.js";
import { claimsRepository, createStore, type ClaimsRepository } from "./store/index.js";
import { outboxQueue } from "./store/repositories/outbox-queue.js";
import { createMetrics, type Metrics } from "./observability/metrics.js";

export interface Runtime {
  config: Config;
  db: Database;
  store: Store;
  /** Exactly-once claims: deduplicating platform retries, scheduled runs. */
  claims: ClaimsRepository;
  /** Where every message to a channel or person is queued before it is sent. */
  outbox: OutboxQueue;
  log: Logger;
  /** Command rate limits, one per process so every adapter draws on the same buckets. */
  limiter?: RateLimiter;
  /** Prometheus metrics (`charter start` only): commands, outbox, scheduler. */
  metrics?: Metrics;
  /** Where the data lives, without credentials: "SQLite ./data/charter.db" or "PostgreSQL host/db". */
  databaseLabel: string;
  close(): Promise<void>;
}

export function describeDatabase(url: string | undefined): string {
  const resolved = resolveDatabaseUrl(url);
  if (resolved.provider === "sqlite") return `SQLite ${resolved.filePath ?? resolved.url}`;
  const parsed = new URL(resolved.url);
  return `PostgreSQL ${parsed.hostname}${parsed.port ? ":" + parsed.port : ""}${parsed.pathname}`;
}

export interface RuntimeOptions {
  logLevel?: LogLevel;
  /** Where log lines go (one JSON line per call); stderr when absent. */
  logTo?: (line: string) => void;
  metrics?: boolean;
}

export async function openRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = createLogger(opts.logLevel ?? config.LOG_LEVEL, opts.logTo);
  const { url } = resolveDatabaseUrl(config.DATABASE_URL);
  const applied = await migrate(url);
  if (applied.length) log.info("database migrated", { applied });
  const db = await openDatabase(url);
  return {
    config,
    db,
    store: createStore(db),
    claims: claimsRepository(db),
    outbox: outboxQueue(db),
    log,
    limiter: createRateLimiter(rateLimitsOf(config)),
    ...(opts.metrics ? { metrics: createMetrics({ db, log }) } : {}),
    databaseLabel: describeDatabase(config.DATABASE_URL),
    close: () => db.close(),
  };
}
