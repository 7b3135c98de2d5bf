/**
 * `charter start` on SQLite with nothing configured (a fresh temp folder and
 * database, so the time includes creating and migrating it): time from spawn
 * to the "running on http://…" line and to the first GET /healthz 200, and
 * the resident memory after 5 s idle. Then the idle memory again with Slack
 * (HTTP, against a local fake Slack) and with Teams configured, since each
 * platform's SDK is loaded only when it is. Targets: under 2 s, under 150 MB.
 */
import { performance } from "node:perf_hooks";
import { BOT_TOKEN, SIGNING_SECRET, startFakeSlack } from "./fakes.mjs";
import { median, report, sleep, startCharter, toMb } from "./support.mjs";

const BENCH = "startup";
const RUNS = 3;
const START_TARGET_MS = 2_000;
const RSS_TARGET_MB = 150;
const IDLE_MS = 5_000;

async function healthy(url, began) {
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - began;
    } catch {
      // Not answering yet.
    }
    await sleep(5);
  }
}

export default async function startup() {
  const banner = [];
  const health = [];
  let idleRss;
  for (let run = 0; run < RUNS; run++) {
    const began = performance.now();
    const charter = await startCharter({});
    try {
      banner.push(charter.startedMs);
      health.push(await healthy(charter.url, began));
      if (run === RUNS - 1) {
        await sleep(IDLE_MS);
        idleRss = charter.rss();
      }
    } finally {
      await charter.stop();
    }
  }
  banner.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  const detail = { runs: RUNS, max_ms: Math.round(banner.at(-1)) };
  report({
    bench: BENCH,
    figure: "to_banner_ms",
    value: median(banner),
    unit: "ms",
    target: `< ${START_TARGET_MS}`,
    pass: median(banner) < START_TARGET_MS,
    ...detail,
  });
  report({
    bench: BENCH,
    figure: "to_healthz_ms",
    value: median(health),
    unit: "ms",
    target: `< ${START_TARGET_MS}`,
    pass: median(health) < START_TARGET_MS,
    runs: RUNS,
    max_ms: Math.round(health.at(-1)),
  });
  report({
    bench: BENCH,
    figure: "idle_rss_mb",
    value: toMb(idleRss),
    unit: "MB",
    target: `< ${RSS_TARGET_MB}`,
    pass: toMb(idleRss) < RSS_TARGET_MB,
    idle_s: IDLE_MS / 1000,
  });

  const slack = await startFakeSlack();
  try {
    const platforms = {
      slack: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl },
      teams: { TEAMS_ALLOW_UNAUTHENTICATED: "true" },
    };
    for (const [platform, env] of Object.entries(platforms)) {
      const charter = await startCharter(env);
      try {
        await sleep(IDLE_MS);
        const rss = toMb(charter.rss());
        report({
          bench: BENCH,
          figure: "idle_rss_mb",
          platform,
          value: rss,
          unit: "MB",
          target: `< ${RSS_TARGET_MB}`,
          pass: rss < RSS_TARGET_MB,
          idle_s: IDLE_MS / 1000,
        });
      } finally {
        await charter.stop();
      }
    }
  } finally {
    await slack.close();
  }
}
