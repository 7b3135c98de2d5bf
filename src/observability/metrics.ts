/**
 * The process's Prometheus metrics (prom-client), served at GET /metrics.
 * Each process (and each test) makes its own Registry, never prom-client's
 * global one. Label values come from fixed sets (command paths, outcomes,
 * platforms, job names): whatever a user types never becomes a label, so the
 * number of series stays bounded.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { type CommandObserver, type CommandOutcome, type Logger, commands, commandName, PLATFORMS } from "../core/index.js";
import type { StoreContext } from "../store/client.js";
import { outboxRepository } from "../store/repositories/outbox.js";
import { STANDUP_PROMPT_JOB, STANDUP_REMINDER_JOB, STANDUP_SUMMARY_JOB } from "../scheduler/jobs.js";
import { REMINDER_JOB } from "../scheduler/reminders.js";
import { WEEKLY_DIGEST_JOB } from "../scheduler/digest-tick.js";

export const UNKNOWN = "unknown";
const KNOWN_COMMANDS: ReadonlySet<string> = new Set(commands.map(commandName));
const OUTCOMES: readonly CommandOutcome[] = ["ok", "rejected", "limited", "error"];
const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
/** The scheduler's job names (JobRun.job), and "tick" for a tick that failed as a whole. */
const JOBS: ReadonlySet<string> = new Set([
  STANDUP_PROMPT_JOB,
  STANDUP_SUMMARY_JOB,
  STANDUP_REMINDER_JOB,
  REMINDER_JOB,
  WEEKLY_DIGEST_JOB,
  "tick",
]);
const TICK_OUTCOMES = ["done", "missed", "skipped", "failed", "already-claimed"] as const;

/** A registered command path ("cost add"), else "unknown". */
export function commandLabel(command: string): string {
  const path = command.trim().toLowerCase().split(/\s+/).join(" ");
  return KNOWN_COMMANDS.has(path) ? path : UNKNOWN;
}

export function outcomeLabel(outcome: string): CommandOutcome {
  return (OUTCOMES as readonly string[]).includes(outcome) ? (outcome as CommandOutcome) : "error";
}

export function platformLabel(platform: string): string {
  return (PLATFORMS as readonly string[]).includes(platform) ? platform : UNKNOWN;
}

export function jobLabel(job: string): string {
  return JOBS.has(job) ? job : UNKNOWN;
}

export function tickOutcomeLabel(outcome: string): string {
  return (TICK_OUTCOMES as readonly string[]).includes(outcome) ? outcome : UNKNOWN;
}

export interface Metrics {
  readonly registry: Registry;
  /** For the core's Context: times each command and counts it by path and outcome. */
  readonly observeCommand: CommandObserver;
  /** An outbox message was put back for another attempt (429, 5xx, network). */
  outboxRetried(platform: string): void;
  /** What one scheduler tick did: one count per job run, by job and outcome. */
  schedulerRuns(results: readonly { job: string; outcome: string }[]): void;
  /** A scheduler tick that failed as a whole. */
  schedulerTickFailed(): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Where charter_outbox_messages is counted on each scrape; without it the gauge stays empty. */
  db?: Pick<StoreContext, "prisma">;
  log?: Logger;
  /** prom-client's process metrics (CPU, memory, event loop, GC); on unless false. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const commandsTotal = new Counter({
    name: "charter_commands_total",
    help: "Chat commands run, by command path and outcome (ok, rejected, limited, error).",
    labelNames: ["command", "outcome"] as const,
    registers: [registry],
  });
  const commandSeconds = new Histogram({
    name: "charter_command_duration_seconds",
    help: "Time from a command reaching the core to its reply, by command path.",
    labelNames: ["command"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const retries = new Counter({
    name: "charter_outbox_retries_total",
    help: "Outbox sends put back for another attempt, by platform.",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const schedulerRuns = new Counter({
    name: "charter_scheduler_runs_total",
    help: "Scheduled job runs this process did, by job and outcome (claimed elsewhere is not counted).",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const { log } = options;
  const outbox = options.db ? outboxRepository(options.db) : undefined;
  new Gauge({
    name: "charter_outbox_messages",
    help: "Outbox messages in the database by status, every tenant (counted when scraped).",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!outbox) return;
      try {
        const counts = await outbox.countByStatus();
        for (const status of OUTBOX_STATUSES) this.set({ status }, counts.get(status) ?? 0);
      } catch (error) {
        // A scrape still answers while the database is away; /readyz says why.
        log?.warn("outbox metrics unavailable", { error: error instanceof Error ? error.message : String(error) });
      }
    },
  });

  return {
    registry,
    observeCommand: () => {
      const began = performance.now();
      return (command, outcome) => {
        const label = commandLabel(command);
        commandsTotal.inc({ command: label, outcome: outcomeLabel(outcome) });
        commandSeconds.observe({ command: label }, (performance.now() - began) / 1000);
      };
    },
    outboxRetried: (platform) => retries.inc({ platform: platformLabel(platform) }),
    schedulerRuns: (results) => {
      for (const r of results) {
        if (r.outcome === "already-claimed") continue;
        schedulerRuns.inc({ job: jobLabel(r.job), outcome: tickOutcomeLabel(r.outcome) });
      }
    },
    schedulerTickFailed: () => schedulerRuns.inc({ job: "tick", outcome: "failed" }),
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
