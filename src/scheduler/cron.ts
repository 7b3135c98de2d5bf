/**
 * The per-minute tick of `charter start`. noOverlap: a slow tick (a large
 * catch-up) is never run twice at once in one process; other processes are
 * kept apart by the JobRun claims, so every replica can tick.
 */
import { hostname } from "node:os";
import { DateTime } from "luxon";
import cron from "node-cron";
import { runDue } from "./tick.js";
import type { TickDeps, TickResult } from "./tick-deps.js";

/** What a tick tells the process's metrics (implemented in observability/metrics.ts). */
export interface SchedulerMetrics {
  schedulerRuns(results: readonly TickResult[]): void;
  schedulerTickFailed(): void;
}

export interface SchedulerHandle {
  stop(): Promise<void>;
}

export function startScheduler(
  deps: Omit<TickDeps, "worker"> & { metrics?: SchedulerMetrics },
  opts: { graceMinutes?: number; now?: () => DateTime } = {},
): SchedulerHandle {
  const worker = `${hostname()}:${process.pid}`;
  const now = opts.now ?? (() => DateTime.utc());
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    "* * * * *",
    async () => {
      const tick = runDue({ ...deps, worker }, now(), opts.graceMinutes !== undefined ? { graceMinutes: opts.graceMinutes } : {});
      running = tick.catch(() => undefined);
      try {
        const results = await tick;
        deps.metrics?.schedulerRuns(results);
        const worked = results.filter((r) => r.outcome !== "already-claimed");
        if (worked.length)
          deps.log.info("scheduler tick", { at: now().toISO(), results: worked.map((r) => `${r.outcome} ${r.key} ${r.slot}`) });
      } catch (error) {
        deps.metrics?.schedulerTickFailed();
        deps.log.error("scheduler tick failed", { error: error instanceof Error ? error.message : String(error) });
      }
    },
    { name: "charter-scheduler", noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      // Let a tick in flight finish before the database closes under it.
      await running;
    },
  };
}
