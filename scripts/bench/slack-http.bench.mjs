/**
 * Slack slash commands over HTTP: `charter start` with Slack in HTTP mode
 * (Bolt's real HTTP receiver, signature verification), its Web API and
 * response_url pointed at a local fake. Load comes from a second process at
 * 50, 200 and 500 commands/s; each rate runs against a bare Bolt app that
 * only acks (the floor) and then against Charter. Figure: ack latency (the
 * HTTP answer to the POST to /slack/events). Targets: Charter's p99 within
 * 1.5x the floor's and far below Slack's 3 s, no errors. Then three more
 * rounds against the same process: its RSS must settle (leak check).
 */
import { BOT_TOKEN, SIGNING_SECRET, slackSignature, slashCommandBody, startFakeSlack } from "./fakes.mjs";
import {
  LEAK_RATE,
  LEAK_SECONDS,
  leakRounds,
  loadRun,
  RATES,
  reportRate,
  SECONDS,
  SLACK_ACK_LIMIT_MS,
  startFloor,
  waitUntil,
} from "./load-support.mjs";
import { report, startCharter } from "./support.mjs";

const BENCH = "slack-http";
// What a project manager types most: a read and a write, alternately.
const TEXTS = ["task list", 'cost add 120 USD labour "Bench"'];
const DRAIN_TIMEOUT_MS = 60_000;

export default async function slackHttp() {
  const slack = await startFakeSlack();
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl };
  let charter;
  let floor;
  try {
    charter = await startCharter(env);
    floor = await startFloor("slack", env, slack.apiUrl);
    const charterUrl = `${charter.url}/slack/events`;
    const floorUrl = `http://127.0.0.1:${floor.port}/slack/events`;

    // A project linked to the channel, with a page of tasks for `task list`.
    let seeded = 0;
    const command = async (text) => {
      const body = slashCommandBody(text, {
        responseUrl: `${slack.responseBase}seed-${seeded}`,
        triggerId: `seed-${seeded++}.${Date.now()}`,
      });
      const res = await fetch(charterUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(SIGNING_SECRET, body) },
        body,
      });
      if (res.status !== 200) throw new Error(`/pm ${text}: HTTP ${res.status}`);
      if ((await waitUntil(() => slack.count("response_url") >= seeded, 10_000)) === null) throw new Error(`/pm ${text}: no reply`);
    };
    await command('project create "Apollo" budget 100000 USD start 2026-01-05 end 2026-12-18');
    for (let i = 0; i < 20; i++) await command(`task add "Bench task ${i}" due 2026-12-${String(1 + (i % 28)).padStart(2, "0")} est 4h`);

    const spec = (url, rate, seconds) => ({
      url,
      kind: "slack",
      rate,
      durationMs: seconds * 1000,
      texts: TEXTS,
      responseBase: slack.responseBase,
      secret: SIGNING_SECRET,
    });
    // Replies Charter owes: every acked command answers through response_url once its work is done.
    let owed = seeded;
    const drained = async () => {
      const waited = await waitUntil(() => slack.count("response_url") >= owed, DRAIN_TIMEOUT_MS);
      if (waited === null)
        console.log(`[${BENCH}] ${owed - slack.count("response_url")} replies still missing after ${DRAIN_TIMEOUT_MS / 1000} s`);
      return waited;
    };

    // Warm-up (JIT, connection pools), not measured.
    await loadRun(spec(floorUrl, 100, 3));
    owed += (await loadRun(spec(charterUrl, 100, 3))).ok;
    await drained();

    for (const rate of RATES) {
      const floorRun = await loadRun(spec(floorUrl, rate, SECONDS));
      const charterRun = await loadRun(spec(charterUrl, rate, SECONDS));
      owed += charterRun.ok;
      const drainMs = await drained();
      reportRate(BENCH, rate, floorRun, charterRun, SLACK_ACK_LIMIT_MS);
      report({
        bench: BENCH,
        figure: "replies_drained_ms",
        rate,
        value: drainMs ?? NaN,
        unit: "ms",
        target: "all replies sent",
        pass: drainMs !== null,
      });
    }

    const leakRun = async (leakSpec) => (owed += (await loadRun(leakSpec)).ok);
    await leakRounds(BENCH, charter, spec(charterUrl, LEAK_RATE, LEAK_SECONDS), { run: leakRun, settled: drained });
    console.log(`[${BENCH}] Slack calls made by Charter:`, Object.fromEntries(slack.counts));
  } catch (error) {
    if (charter) console.error(`[${BENCH}] charter start's last output:\n${charter.output().slice(-4_000)}`);
    throw error;
  } finally {
    await floor?.stop();
    await charter?.stop();
    await slack.close();
  }
}
