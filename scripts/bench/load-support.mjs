/**
 * What the Slack and Teams load benchmarks share: the floor process, one
 * load run from the generator process, and the figures of a run.
 */
import { fork } from "node:child_process";
import { join } from "node:path";
import { HERE, report, sleep, stopChild, toMb, track } from "./support.mjs";

/** Seconds per rate; BENCH_SECONDS shortens it for a quick look (the targets assume the default). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const RATES = (process.env.BENCH_RATES ?? "50,200,500").split(",").map(Number);
export const LEAK_ROUNDS = 3;
export const LEAK_RATE = 200;
export const LEAK_SECONDS = Number(process.env.BENCH_LEAK_SECONDS ?? 10);
/** Slack's limit for an ack. */
export const SLACK_ACK_LIMIT_MS = 3_000;

/** The bare framework app, in its own process; resolves with its port and a stop(). */
export async function startFloor(platform, env, slackApiUrl) {
  const child = track(
    fork(join(HERE, "floor.mjs"), [platform, slackApiUrl ?? ""], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    }),
  );
  const port = await new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`the ${platform} floor exited with ${code}`)));
  });
  return { port, pid: child.pid, stop: () => stopChild(child) };
}

/** One open-loop run from the generator process; resolves with its summary. */
export async function loadRun(spec) {
  const child = track(fork(join(HERE, "load.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  try {
    const answer = await new Promise((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`the load generator exited with ${code}`)));
      child.send({ seed: Date.now(), ...spec });
    });
    if (answer.error) throw new Error(`the load generator failed: ${answer.error}`);
    return answer.result;
  } finally {
    await stopChild(child);
  }
}

/** Polls until `done()` holds or `timeoutMs` passes; resolves with the time waited, or null on timeout. */
export async function waitUntil(done, timeoutMs) {
  const began = Date.now();
  while (!done()) {
    if (Date.now() - began > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - began;
}

const errorsOf = (run) => run.failed;
const detail = (run) => ({
  sent: run.sent,
  statuses: run.statuses,
  ...(Object.keys(run.errors).length ? { errors: run.errors } : {}),
  achieved_rate: Math.round(run.achievedRate),
});

/**
 * The figures of one rate: the floor's p50/p99 (for comparison), Charter's
 * p50, its p99 against 1.5x the floor's and `limitMs`, and its errors.
 */
export function reportRate(bench, rate, floor, charter, limitMs) {
  report({ bench, figure: "floor_p50_ms", rate, value: floor.latency.p50, unit: "ms", ...detail(floor) });
  report({ bench, figure: "floor_p99_ms", rate, value: floor.latency.p99, unit: "ms", errors: errorsOf(floor) });
  report({ bench, figure: "p50_ms", rate, value: charter.latency.p50, unit: "ms", ...detail(charter) });
  const bound = floor.latency.p99 * 1.5;
  const p99 = charter.latency.p99;
  report({
    bench,
    figure: "p99_ms",
    rate,
    value: p99,
    unit: "ms",
    target: `<= 1.5x floor (${bound.toFixed(1)}) and < ${limitMs}`,
    pass: Number.isFinite(p99) && p99 <= bound && p99 < limitMs,
    max_ms: Math.round(charter.latency.max),
  });
  report({ bench, figure: "errors", rate, value: errorsOf(charter), unit: "count", target: "0", pass: errorsOf(charter) === 0 });
}

/**
 * The leak check: LEAK_ROUNDS rounds of LEAK_RATE for LEAK_SECONDS against
 * Charter, its RSS 1 s after each (after `settled()`, e.g. replies drained),
 * reported against round 1. `run(spec)` is the bench's load run.
 */
export async function leakRounds(bench, charter, spec, { run = loadRun, settled = async () => undefined } = {}) {
  const rss = [];
  for (let round = 1; round <= LEAK_ROUNDS; round++) {
    await run(spec);
    await settled();
    await sleep(1_000);
    rss.push(charter.rss());
    console.log(`[${bench}] leak round ${round} (${LEAK_RATE}/s x ${LEAK_SECONDS} s): rss ${toMb(rss.at(-1)).toFixed(1)} MB`);
  }
  reportLeak(bench, rss);
}

/** RSS after each leak round against the one after round 1 (the steady state). */
function reportLeak(bench, rssAfterRounds) {
  const steady = rssAfterRounds[0];
  rssAfterRounds.forEach((rss, i) => {
    const mb = rss / 1024 / 1024;
    const ratio = rss / steady;
    report({
      bench,
      figure: "rss_after_round_mb",
      round: i + 1,
      value: mb,
      unit: "MB",
      ...(i === 0
        ? { target: "steady state" }
        : { target: `within 20% of round 1 (${(steady / 1024 / 1024).toFixed(1)})`, pass: Math.abs(ratio - 1) <= 0.2 }),
    });
  });
}
